"""The partners of an alliance: who they are, their tax and social status, their money."""

from typing import Annotated, Optional

from pydantic import Field

from .types import (
    MAX_TEXT,
    CompanySize,
    Count,
    Day,
    Eur,
    InsertionForm,
    Model,
    PartnerKind,
    Pct,
    PublicLevel,
    Ratio,
    Text,
    Unknownable,
    Years,
    YesNo,
)


class Partner(Model):
    """One member of the alliance (an organisation, or citizens as a group)."""

    id: str = Field(max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    """Short identifier used to refer to this partner elsewhere in the case (a-z, 0-9, -, _)."""
    name: str = Field(min_length=1, max_length=MAX_TEXT)
    """Name of the partner as it appears in the memo."""
    kind: Annotated[Optional[PartnerKind], Unknownable] = None
    """Legal nature: association, foundation, company, public authority, university..."""
    role: Text = None
    """What the partner brings to the alliance (free text for the memo)."""

    # -- companies --
    company_size: Annotated[Optional[CompanySize], Unknownable] = None
    """Size category of a company: micro, SME, mid-cap (ETI) or large."""
    employees: Count = None
    """Number of employees (headcount)."""
    turnover_eur: Eur = None
    """Yearly turnover excluding tax, in euros."""
    age_years: Years = None
    """Years since the organisation was founded."""
    group_employees: Count = None
    """Headcount of the group the organisation belongs to (C. com. L. 233-1, L. 233-3,
    L. 233-16), or its own headcount when it belongs to no group."""
    yearly_gifts_eur: Eur = None
    """For a company: all its gifts of the financial year that give right to the mécénat
    reduction, to every beneficiary inside and outside the alliance, in euros."""
    buys_partner_services: YesNo = None
    """Pays another partner of the alliance for services (a service contract, not a gift);
    for a public partner, a service answering its own needs, for a price or its equivalent."""
    insertion_form: Annotated[Optional[InsertionForm], Unknownable] = None
    """For a work-integration structure: the legal form that carries the State approval
    (an association, or a company such as an SAS, SARL or SCIC), which sets its taxation."""

    # -- public side --
    public_level: Annotated[Optional[PublicLevel], Unknownable] = None
    """For a public authority: State, region, department, municipality, EPCI or other."""
    population: Count = None
    """For a municipality: number of inhabitants."""
    epci_own_taxation: YesNo = None
    """For an EPCI: it levies its own tax (EPCI à fiscalité propre)."""

    # -- general-interest status and receipts --
    general_interest: YesNo = None
    """Pursues a general-interest purpose eligible to mécénat (CGI 238 bis 1 a-g)."""
    public_utility_recognised: YesNo = None
    """An association or foundation recognised of public utility (ARUP, FRUP)."""
    rescrit_obtained: YesNo = None
    """Holds a rescrit mécénat from the tax administration (LPF L80 C)."""
    rescrit_requested_on: Day = None
    """Date the rescrit request was received by the administration, if one is pending."""
    issues_tax_receipts: YesNo = None
    """Issues tax receipts (reçus fiscaux) for gifts it receives."""
    declares_receipts_annually: YesNo = None
    """Declares the receipted gifts to the administration each year (CGI 222 bis)."""
    closed_circle: YesNo = None
    """Its activity benefits a closed circle of people (members, employees of one firm)."""

    # -- non-profit activity and commercial revenue --
    own_resources_eur: Eur = None
    """Average yearly own resources over the last three years (for paid leaders)."""
    commercial_revenue_eur: Eur = None
    """Yearly revenue from profit-making (commercial) activities, in euros."""
    commercial_like_business: YesNo = None
    """Its paid activity competes with businesses on product, public, price and advertising (4P)."""
    competitive_advantage_to_companies: YesNo = None
    """It procures partner companies a competitive advantage (cost savings, extra revenue)."""
    non_profit_predominant: YesNo = None
    """Its non-profit activities remain significantly predominant over commercial ones."""
    fundraising_events_per_year: Count = None
    """Number of charity fundraising events organised each year."""
    distributes_surplus: YesNo = None
    """Surpluses or assets are distributed, directly or not, to members or founders."""

    # -- leaders' pay --
    paid_leaders: Count = None
    """Number of leaders (board members) who receive pay."""
    highest_leader_monthly_pay_eur: Eur = None
    """Highest gross monthly pay of a leader, in euros."""
    has_auditor: YesNo = None
    """Has a statutory auditor (commissaire aux comptes)."""

    # -- State aid --
    state_aid_3y_eur: Eur = None
    """De minimis State aid received over the last three rolling years, in euros."""
    sieg_aid_3y_eur: Eur = None
    """De minimis aid for services of general economic interest over three years, in euros."""
    sgei_entrusted: YesNo = None
    """A public body has entrusted it, by an act of entrustment (mandate) that defines the
    public-service obligations, with a service of general economic interest."""
    primary_agriculture: YesNo = None
    """It is active in the primary production of agricultural products (a farm, a farmers'
    cooperative that produces): its de minimis aid falls under the agricultural regulation
    (Reg. (EU) 1408/2013), with a lower ceiling."""

    # -- social and solidarity economy --
    ess_company: YesNo = None
    """A commercial company claiming the social and solidarity economy (loi ESS art. 1)."""
    profits_to_reserves_pct: Pct = None
    """Share of yearly profits allocated to reserves, in percent."""
    esus_approved: YesNo = None
    """Holds the ESUS approval (entreprise solidaire d'utilité sociale)."""
    listed_esus_body: YesNo = None
    """Is one of the bodies C. trav. L. 3332-17-1 II approves by law, other than a
    work-integration structure (an ESAT, an adapted firm, a CHRS, a régie de quartier...)."""
    social_utility_purpose: YesNo = None
    """Its main objective is the pursuit of social utility within loi 2014-856 art. 2
    (ESUS condition C. trav. L. 3332-17-1 I 1°; and the condition on which associations and
    foundations recognised of public utility are approved by law, II)."""
    equity_listed: YesNo = None
    """Its equity securities are admitted to trading on a financial-instruments market (ESUS
    condition L. 3332-17-1 I 4°)."""
    esus_terms_in_statutes: YesNo = None
    """Its statutes state its social-utility objective and its pay policy (ESUS condition
    L. 3332-17-1 I 5°)."""
    seeks_solidarity_funds: YesNo = None
    """Seeks money from solidarity (90/10) employee-savings funds."""
    social_purpose_charges_pct: Pct = None
    """Share of operating charges spent on its social purpose, in percent."""
    top5_pay_smic_ratio: Ratio = None
    """Average pay of the five best-paid people, as a multiple of the SMIC."""
    highest_pay_smic_ratio: Ratio = None
    """Highest pay, as a multiple of the SMIC."""

    # -- republican commitment and service civique hosting (loi 2000-321 art. 10-1;
    # Code du service national L120-1 II, L120-30, L120-32) --
    republican_contract: YesNo = None
    """Has subscribed the contrat d'engagement républicain, or is deemed to have (approved
    under art. 25-1 of loi 2000-321, or recognised of public utility)."""
    civic_service_approval: YesNo = None
    """Holds a service civique approval (agrément), its own or a collective one."""
    hosts_civic_service: YesNo = None
    """Service civique volunteers carry out their mission within this partner, hosted by it or
    placed with it by an approved body."""
    civic_service_host_exception: YesNo = None
    """For a company hosting volunteers: it is one of the few companies the law lets host them
    (social landlord, certain public-owned companies, certain ESUS companies)."""
