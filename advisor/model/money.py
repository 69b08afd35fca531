"""Money flowing in the alliance: gifts, subsidies, investments, public purchases."""

from typing import Annotated, Optional

from pydantic import Field, model_validator

from ..defaults import new_list
from .checks import two_partners
from .types import (
    MAX_LIST,
    Eur,
    GiftKind,
    Instrument,
    InvestorType,
    Model,
    PartnerRef,
    Pct,
    ProjectDefiner,
    PurchaseKind,
    Unknownable,
    Valuation,
    Years,
    YesNo,
)


class Gift(Model):
    """A gift (mécénat) from one partner to another."""

    donor: PartnerRef = None
    """Partner who gives."""
    beneficiary: PartnerRef = None
    """Partner who receives."""
    kind: Annotated[Optional[GiftKind], Unknownable] = None
    """Cash, in kind (goods, premises, services) or skills (employees' time)."""
    amount_eur: Eur = None
    """Yearly value of the gift, in euros."""
    counterparts_eur: Eur = None
    """Value of what the donor receives in return (visibility, services, goods), in euros."""
    valuation: Annotated[Optional[Valuation], Unknownable] = None
    """For a gift in kind: valued at cost price, at market value, or not valued."""
    receipt_issued: YesNo = None
    """The beneficiary issues a tax receipt for this gift."""
    donor_owns_results: YesNo = None
    """The donor obtains ownership or exclusive use of what the gift helps create."""

    @model_validator(mode="after")
    def _two_partners(self) -> "Gift":
        """The two ends are different partners (a partner cannot pay itself)."""
        two_partners(self.donor, self.beneficiary, "donor", "beneficiary")
        return self


class Subsidy(Model):
    """A public subsidy paid by a public partner to another partner."""

    funder: PartnerRef = None
    """Public partner who pays."""
    beneficiary: PartnerRef = None
    """Partner who receives."""
    amount_eur_per_year: Eur = None
    """Yearly amount, in euros, in-kind help included."""
    in_kind: YesNo = None
    """Part of the subsidy is given in kind (premises, staff, equipment)."""
    in_kind_valued: YesNo = None
    """The in-kind part is valued in the award decision."""
    written_agreement: YesNo = None
    """A written subsidy agreement (convention) is signed."""
    project_defined_by: Annotated[Optional[ProjectDefiner], Unknownable] = None
    """Who initiated and defined the funded project: the beneficiary, the funder, or jointly."""
    pays_for_services_to_funder: YesNo = None
    """The money pays for individualised services answering the funder's own needs."""

    # -- regional competence for aid to companies (CGCT L1511-2, L1511-3) and VAT on
    # subsidies (CGI art. 256, 266) --
    regional_framework: YesNo = None
    """For aid to a company: granted within the region's framework (an agreement with the
    region or a delegation from it, CGCT L1511-2)."""
    business_premises_aid: YesNo = None
    """For aid to a company: it helps buy, rent or build business premises (CGCT L1511-3)."""
    price_supplement: YesNo = None
    """The subsidy is reckoned on the goods or services the beneficiary sells to others, so
    that they pay a lower price (a supplement to the price)."""
    vat_treatment_checked: YesNo = None
    """Where the subsidy may be the price of a service: VAT is charged on it, or an exemption
    covering that service has been confirmed."""

    @model_validator(mode="after")
    def _two_partners(self) -> "Subsidy":
        """The two ends are different partners (a partner cannot pay itself)."""
        two_partners(self.funder, self.beneficiary, "funder", "beneficiary")
        return self


class Investment(Model):
    """Money invested in a partner or in the joint vehicle."""

    investor: PartnerRef = None
    """Partner who invests, when the investor is a partner."""
    investor_type: Annotated[Optional[InvestorType], Unknownable] = None
    """Insurer, bank, solidarity fund, foundation, company, public, citizens, association."""
    investee: PartnerRef = None
    """Partner that receives the investment (empty for the joint vehicle)."""
    instrument: Annotated[Optional[Instrument], Unknownable] = None
    """Equity, quasi-equity, titres associatifs, loan or guarantee."""
    amount_eur: Eur = None
    """Amount invested, in euros."""
    governance_seat: YesNo = None
    """The investor has a seat in the investee's governance (board)."""
    accepts_lower_return: YesNo = None
    """The investor accepts a lower return and a higher risk than the market."""
    strategic_participation: YesNo = None
    """An insurer treats the stake as a strategic participation."""
    repayment_years: Years = None
    """For titres associatifs: years before repayment is possible."""
    repayment_conditional_on_surplus: YesNo = None
    """For titres associatifs: repayment depends on surpluses."""
    repayable_at_issuer_initiative: YesNo = None
    """For titres associatifs: repayable only at the issuer's initiative, with no fixed
    maturity (CMF L. 213-9)."""
    lender_is_non_profit: YesNo = None
    """For a loan: the lender is a non-profit organisation."""
    lender_regulated_exemption: YesNo = None
    """For a loan between non-profits: it fits the exemption of CMF L511-6 1 bis."""

    # -- local-authority loan guarantees (CGCT L2252-1, L3231-4, L4253-1) --
    guaranteed_share_pct: Pct = None
    """For a guarantee: share of the loan the guarantor covers, in percent."""
    guarantee_ratios_checked: YesNo = None
    """For a local authority's guarantee: the ceiling on guaranteed annuities and the
    division of risk per debtor were checked before the decision."""
    guarantee_social_housing: YesNo = None
    """For a guarantee: the loan finances social housing (building, buying or improving
    dwellings by a social landlord, or State-aided housing)."""

    @model_validator(mode="after")
    def _two_partners(self) -> "Investment":
        """The two ends are different partners (a partner cannot pay itself)."""
        two_partners(self.investor, self.investee, "investor", "investee")
        return self


class PublicPurchase(Model):
    """A purchase by a public partner from another partner (possible public contract)."""

    buyer: PartnerRef = None
    """Public partner who buys."""
    supplier: PartnerRef = None
    """Partner who supplies."""
    kind: Annotated[Optional[PurchaseKind], Unknownable] = None
    """Supplies and services, or works."""
    amount_eur_ht: Eur = None
    """Estimated amount excluding VAT, in euros."""
    competitive_procedure: YesNo = None
    """Advertised and put to competition (a tender)."""
    is_rd: YesNo = None
    """The purchase funds research and development."""
    buyer_takes_exclusive_results: YesNo = None
    """The buyer takes exclusive ownership of the R&D results."""
    buyer_funds_fully: YesNo = None
    """The buyer funds the R&D entirely."""
    innovative: YesNo = None
    """The purchase is of new or significantly improved works, supplies or services
    (CCP L. 2172-3)."""

    @model_validator(mode="after")
    def _two_partners(self) -> "PublicPurchase":
        """The two ends are different partners (a partner cannot pay itself)."""
        two_partners(self.buyer, self.supplier, "buyer", "supplier")
        return self


class Money(Model):
    """Money in the alliance."""

    gifts: list[Gift] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Gifts (mécénat) between partners."""
    subsidies: list[Subsidy] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Public subsidies between partners."""
    investments: list[Investment] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Investments in partners or in the joint vehicle."""
    public_purchases: list[PublicPurchase] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Purchases by public partners from other partners."""
