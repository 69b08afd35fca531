"""Sections of a case: form and modalities, agreements, people, results, vehicle, value."""

from typing import Annotated, Optional

from pydantic import Field, model_validator

from ..defaults import new_list
from .checks import at_most_whole, two_partners
from .types import (
    MAX_LIST,
    AgreementKind,
    Count,
    Day,
    Director,
    Eur,
    Form,
    Invoicing,
    Modality,
    Model,
    Months,
    PartnerRef,
    Pct,
    ResultKind,
    StaffLoanKind,
    Text,
    Unknownable,
    Valuation,
    VehicleKind,
    YesNo,
)


class CoConstruction(Model):
    """How the partners build together: the seed's three forms and nine modalities."""

    form: Annotated[Optional[Form], Unknownable] = None
    """Form of co-construction: territorial dialogue, collective experimentation, partnership."""
    modalities: Annotated[Optional[list[Modality]], Unknownable] = None
    """Partnership modalities used (mécénat, innovation sociétale, coopération, pratiques)."""
    innovative: YesNo = None
    """The alliance co-creates something new (a service, product or method not yet existing)."""
    purpose: Text = None
    """Purpose of the alliance, in one or two sentences."""
    start_date: Day = None
    """Date the joint project starts (or started)."""
    duration_months: Months = None
    """Planned duration of the joint project or experimentation, in months."""


class Agreements(Model):
    """The written agreements that exist between the partners."""

    written: YesNo = None
    """A written agreement binds the partners for this alliance."""
    kinds: Annotated[Optional[list[AgreementKind]], Unknownable] = None
    """Kinds of written agreements in place."""
    covers_all_partners: YesNo = None
    """The agreement(s) bind every partner, not only pairs of them."""
    governance_written: YesNo = None
    """Decision rights and governance between partners are written down."""
    exit_clause: YesNo = None
    """The agreement says how a partner leaves and what happens to shared results."""


class Volunteers(Model):
    """Volunteers (bénévoles) taking part in the alliance's work."""

    involved: YesNo = None
    """Volunteers take part in the alliance's work."""
    count: Count = None
    """Approximate number of volunteers involved."""
    flat_rate_allowances: YesNo = None
    """Volunteers receive flat-rate allowances (lump sums) rather than expenses on receipts."""
    expenses_documented: YesNo = None
    """Every reimbursement to volunteers matches a real, documented expense."""
    directed_like_employees: YesNo = None
    """Volunteers are given schedules, orders or sanctions like employees."""
    work_for_company: YesNo = None
    """Volunteers work on the activity of a for-profit partner."""
    valued_in_accounts: YesNo = None
    """Volunteering is valued in the accounts or explained in the notes (ANC 2018-06)."""


class ServiceCivique(Model):
    """Young people in service civique taking part in the alliance."""

    involved: YesNo = None
    """Service civique volunteers take part in the alliance."""
    count: Count = None
    """Number of service civique volunteers."""
    directed_by_company: YesNo = None
    """A company partner directs their work day to day."""
    tasks_of_an_employee: YesNo = None
    """They carry out tasks that an employee of a partner would otherwise do."""
    replaces_dismissed_employee: YesNo = None
    """Their mission replaces a post whose holder was dismissed less than a year ago
    (superseded by ``missions_held_within_year``, which the law requires; kept so that
    older case files load and still count)."""
    missions_held_within_year: YesNo = None
    """Their missions were held, less than a year before, by an employee of the host or
    approved body whose contract ended for any reason, or by a public agent."""


class StaffLoan(Model):
    """Employees of one partner working for another: staff loan or mécénat de compétences."""

    lender: PartnerRef = None
    """Partner whose employees are lent."""
    host: PartnerRef = None
    """Partner that receives them."""
    kind: Annotated[Optional[StaffLoanKind], Unknownable] = None
    """Skills sponsorship (mécénat de compétences), paid staff loan, or civil servant placement."""
    employees: Count = None
    """Number of people lent."""
    loan_agreement_signed: YesNo = None
    """A staff-loan agreement between lender and host is signed (C. trav. L8241-2)."""
    contract_amendment_signed: YesNo = None
    """Each employee's contract has an amendment for the loan (C. trav. L8241-2)."""
    employee_consent: YesNo = None
    """Each employee gave written consent to the loan."""
    lender_cse_consulted: YesNo = None
    """The lender's social and economic committee (CSE) was consulted before the loan."""
    invoicing: Annotated[Optional[Invoicing], Unknownable] = None
    """What the host pays: above cost, at cost (salary, charges, expenses), below cost, nothing."""
    duration_months: Months = None
    """Duration of the loan, in months."""
    directs_work: Annotated[Optional[Director], Unknownable] = None
    """Who directs the lent employees' work day to day."""
    direction_written: YesNo = None
    """The loan agreement or amendment says who directs the work."""
    monthly_gross_salary_eur: Eur = None
    """Gross monthly salary of the (best-paid) lent employee, in euros."""
    monthly_employer_cost_eur: Eur = None
    """Full monthly cost of that employee to the lender: gross salary plus the employer's
    social charges, in euros (what CGI 238 bis caps at three monthly social-security
    ceilings for skills sponsorship)."""
    valuation: Annotated[Optional[Valuation], Unknownable] = None
    """How the loan is valued as a gift: cost price, market value, or not valued."""
    prior_assessment_done: YesNo = None
    """Superseded by ``ethics_check_done`` (the law requires an ethics check, not an
    assessment); kept so that older case files load. No rule reads it."""
    ethics_check_done: YesNo = None
    """For a civil servant: the compatibility of the placement with the ethics rules was
    assessed before it was pronounced (loi 3DS art. 209)."""
    agent_is_fonctionnaire: YesNo = None
    """For a civil-servant placement: the agent is a tenured civil servant (fonctionnaire),
    not a contract agent."""
    intra_group: YesNo = None
    """Lender and host belong to the same group (C. com. L. 233-1, L. 233-3, L. 233-16)."""
    placement_order_issued: YesNo = None
    """For a civil servant: an order (arrêté) of placement was issued."""

    @model_validator(mode="after")
    def _two_partners(self) -> "StaffLoan":
        """A partner does not lend its staff to itself."""
        two_partners(self.lender, self.host, "lender", "host")
        return self


class People(Model):
    """The people who do the alliance's work and who directs them."""

    volunteers: Volunteers = Field(default_factory=Volunteers)
    service_civique: ServiceCivique = Field(default_factory=ServiceCivique)
    staff_loans: list[StaffLoan] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Staff loans and skills sponsorship between partners."""
    mixed_teams: YesNo = None
    """People employed by different partners work together in one project team."""
    orders_from_other_partner: YesNo = None
    """Team members take day-to-day orders from a partner that is not their employer."""
    public_agents_in_team: YesNo = None
    """Public agents (civil servants) work in the joint team."""
    insertion_workers_on_partner_site: YesNo = None
    """Workers of an insertion structure work on a partner company's sites, beside its staff."""
    employer_group: YesNo = None
    """Partners share employees through a groupement d'employeurs (C. trav. L1253-1)."""
    employer_group_profit: YesNo = None
    """The groupement d'employeurs makes a profit on what it invoices members."""
    third_party_staffing_for_profit: YesNo = None
    """A partner supplies staff to another for a fee above cost (possible marchandage)."""

    # -- co-employment (Cass. soc. 25 Nov 2020, n° 18-13.769) --
    partner_steers_other_management: YesNo = None
    """A partner steers another partner's economic and social management permanently
    (hiring, pay, dismissals, budget), beyond coordinating the joint project."""
    steered_partner_lost_autonomy: YesNo = None
    """The partner so steered has lost all autonomy: its own bodies no longer decide."""

    # -- prevention plan for work on a partner's premises (C. trav. R4511-1, R4512-6 ff.) --
    team_on_partner_premises: YesNo = None
    """Staff of one partner work on another partner's premises (offices, sites, workshops)."""
    partner_premises_hours: Count = None
    """Hours of work expected there over twelve months, all external staff together."""
    partner_premises_dangerous_work: YesNo = None
    """The work is on the list of dangerous work (arrêté of 19 March 1993)."""
    joint_inspection_done: YesNo = None
    """The host and the employer inspected the premises together and analysed the risks of
    their activities interfering, before the work began."""
    written_prevention_plan: YesNo = None
    """A written prevention plan was adopted before the work began."""


class Results(Model):
    """What the alliance produces and who owns it."""

    co_developed: Annotated[Optional[list[ResultKind]], Unknownable] = None
    """Kinds of results the partners develop together."""
    ip_agreement: YesNo = None
    """A written agreement says who owns and may use the results."""
    patent_coownership_agreement: YesNo = None
    """For inventions: a patent co-ownership agreement is signed (CPI L613-29 to L613-32)."""
    exclusivity_wanted: YesNo = None
    """A partner wants exclusive rights on the results."""
    open_source_accepted: YesNo = None
    """Every partner accepts publishing the results as open source after the experiment."""
    public_researchers_involved: YesNo = None
    """Researchers of a public institution take part."""
    single_agent_designated: YesNo = None
    """A single agent manages co-owned public research results (C. rech. L533-1, D533-2)."""
    employee_inventions_possible: YesNo = None
    """Employees of a partner may make inventions while working on the project."""
    employee_invention_clause: YesNo = None
    """The agreement deals with employees' inventions (CPI L611-7)."""
    collective_work: YesNo = None
    """The works are made on one partner's initiative, under its direction, and published
    under its name, the contributions merging into the whole (collective work, CPI
    L. 113-2 and L. 113-5): that partner holds the rights."""
    authors_rights_secured: YesNo = None
    """The people who create the works (employees, volunteers, service civique volunteers,
    agents) have assigned their rights to the partners, or the works fall under a regime
    that gives them to an organisation (collective work, employees' software)."""
    spreading_planned: YesNo = None
    """The results are to be spread to other territories or partners (essaimage)."""
    company_gets_results: YesNo = None
    """A company partner obtains rights on results co-developed with a university."""
    market_price_paid: YesNo = None
    """The company pays the university the market price for those rights."""
    company_sells_results: YesNo = None
    """A company partner sells the co-developed product or service."""
    return_to_partners_agreed: YesNo = None
    """What goes back to the other partners on such sales is agreed in writing."""

    # -- database producers' right (CPI L341-1 ff.; CRPA L321-3) --
    data_investment_shared: YesNo = None
    """Several partners bear the investment (money, staff, equipment) that builds the data."""
    database_rights_agreed: YesNo = None
    """An agreement says who is the database's producer and who may extract and reuse it."""
    public_partner_holds_data: YesNo = None
    """A public partner produces or receives the data in its public-service mission."""


class Holding(Model):
    """A partner's share of the joint vehicle."""

    partner: PartnerRef = None
    """Partner holding the share."""
    capital_pct: Pct = None
    """Share of capital, in percent."""
    votes_pct: Pct = None
    """Share of votes, in percent."""
    public_service_mission: YesNo = None
    """The holder, a private body, is entrusted with a public-service mission: its share
    counts with the public persons' in a GIP (loi 2011-525 art. 103). Asked of the
    holders only, where the count needs it."""


class College(Model):
    """A voting college of a SCIC."""

    name: Text = None
    """Name of the college (employees, users, local authorities...)."""
    votes_pct: Pct = None
    """Share of votes the college holds in general meetings, in percent."""


class Vehicle(Model):
    """The joint legal vehicle, if any, and its governance."""

    kind: Annotated[Optional[VehicleKind], Unknownable] = None
    """Legal form of the joint vehicle, or none (a convention between partners)."""
    holdings: list[Holding] = Field(default_factory=new_list, max_length=MAX_LIST)
    """Who holds the vehicle's capital and votes."""
    colleges: list[College] = Field(default_factory=new_list, max_length=50)
    """For a SCIC: the voting colleges."""
    initial_endowment_eur: Eur = None
    """For a fonds de dotation: initial endowment, in euros."""
    receives_public_funding: YesNo = None
    """The vehicle receives public money (subsidies) from public authorities."""
    governance_equal: YesNo = None
    """Governance is shared equally between partners, whatever their contributions."""
    scic_member_categories_met: YesNo = None
    """For a SCIC: its members form at least three categories, among them its employees
    (or, with none, its producers) and the beneficiaries of its activity (loi 47-1775 art.
    19 septies)."""
    holds_pooled_funds: YesNo = None
    """The money the partners pool is paid to a joint vehicle with statutes or a
    constitutive act (association, GIE, GIP, SCIC, foundation, company...), which holds and
    spends it under them."""

    # -- GIE (C. com. L251-1, L251-6) and PTCE (loi 2014-856 art. 9) --
    gie_liability_organised: YesNo = None
    """For a GIE: members measured and organised their liability for its debts (a
    contribution key in the contract, waivers of joint liability agreed with creditors)."""
    gie_extends_members_activity: YesNo = None
    """For a GIE: its activity extends its members' own economic activity, as an auxiliary."""
    ptce_carrier: YesNo = None
    """For a PTCE: a legal entity carries it (signs, employs and receives funds for it)."""

    # -- cost-sharing VAT exemption (CGI art. 261 B) --
    shares_costs_with_members: YesNo = None
    """The vehicle supplies its members with shared means (staff, premises, equipment,
    services) and recharges them the cost."""
    recharges_without_vat: YesNo = None
    """It invoices those recharges without VAT."""
    members_vat_exempt: YesNo = None
    """Every member's activity is VAT-exempt on general-interest grounds or outside VAT."""
    recharges_exact_cost: YesNo = None
    """Each member pays exactly its share of the common costs: no margin, no flat fee."""

    @model_validator(mode="after")
    def _shares_fit(self) -> "Vehicle":
        """Shares of capital and votes, and the colleges' votes, add up to 100 % at most."""
        at_most_whole("holdings", "capital_pct", [h.capital_pct for h in self.holdings])
        at_most_whole("holdings", "votes_pct", [h.votes_pct for h in self.holdings])
        at_most_whole("colleges", "votes_pct", [c.votes_pct for c in self.colleges])
        return self


class ValueSharing(Model):
    """How the value the alliance creates is shared."""

    profit_distribution: YesNo = None
    """Profits or surpluses of the alliance are distributed to partners."""
    profit_aim: YesNo = None
    """Sharing profits is an aim of the alliance."""
    revenue_sharing: YesNo = None
    """Revenue generated by the alliance is shared between partners."""
    revenue_sharing_written: YesNo = None
    """The revenue-sharing key is written down."""
    pooled_funds: YesNo = None
    """Partners pool money in a common budget."""
    assets_to_members_on_exit: YesNo = None
    """On dissolution, remaining assets go back to members or founders."""
    in_kind_contributions: YesNo = None
    """Partners contribute goods, premises or services in kind."""
    in_kind_valued: YesNo = None
    """In-kind contributions are valued (amount known and recorded)."""

    # -- de facto partnership (C. civ. art. 1832, 1871 ff., 1873) --
    losses_shared: YesNo = None
    """Partners bear together the losses or overruns of the joint activity."""
    joint_dealings_with_third_parties: YesNo = None
    """Partners deal with third parties together, as a group (common name, orders, contracts)."""


__all__ = [
    "Agreements",
    "CoConstruction",
    "College",
    "Holding",
    "People",
    "Results",
    "ServiceCivique",
    "StaffLoan",
    "Vehicle",
    "ValueSharing",
    "Volunteers",
    "Day",
    "Eur",
    "Pct",
]
