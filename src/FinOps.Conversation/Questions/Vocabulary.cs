using System.Collections.Frozen;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>The fixed words of the question language: English words never typo-corrected, dimension words, number words, months.</summary>
internal static class Vocabulary
{
    /// <summary>Words that are never treated as a misspelt value, so "spend" is never corrected to a team "spent".</summary>
    public static readonly FrozenSet<string> CommonWords = FrozenSet.ToFrozenSet(
        """
        a about above across after again against all almost also am amount amounts an and any anything are around as ask at average
        be been before being below between big bigger biggest bill billed billing bills both break breakdown broken bot but buy by
        can cost costs costing costly costed current currently could cloud clouds compare compared comparing comparison change changed changes chart charge charges charged
        daily data date dates day days did do does doing done down drive drove driven driver drivers driving during
        each earlier early effective else end ending entire every everything example examples expense expenses expensive explain
        far few fiscal for forecast forecasted from full give go going grew group grouped grow growing growth had has have help hey hi highest history hello how
        in including increase increased increases into invoice invoiced invoices is it its just
        large larger largest last latest least less list look lot made make many me month monthly months more most much my
        need new next no not now number numbers of off on only or other our out over overall past pay paid per period please previous price prices priced prior projected
        quarter quarterly quarters rate reason recent refresh refreshed retail right run same see show showing shows since so some spend spending spends spent split start still sum summary
        than that the their them then there these they this those through thru time times to today top total totals trend trends up usage use used using
        versus very was we week weekly weeks were what whats when where which while who why will with within without would year yearly years yesterday you your
        compute storage database databases network networking service services team teams account accounts region regions environment environments provider providers
        category categories resource resources subscription subscriptions project projects vendor vendors tag tags tagged untagged unallocated allocated
        dollars dollar euros money budget budgets burn burned spike spiked jump jumped rise rose fall fell drop dropped higher lower
        can could would should like want know get got let check tell give look any really actually exactly roughly approximately
        hows whos wheres thanks thank pls plz u ur im ive weve went gone come came dont didnt infra infrastructure stuff things thing
        together combined altogether whole company org organisation organization everyone everybody us i per versus vs up down
        spending spendings expenditure outlay charges fees fee price pricing priced list demand retail on-demand amortised amortized
        net gross contracted negotiated invoice bill overall grand current quick quickly real actual fresh freshness updated update stale
        import imported ingested loaded refresh refreshed recent recently last first second top largest biggest highest costliest priciest
        day week month quarter year fy weekly monthly daily quarterly hourly hour hours ago before after prior previous preceding next
        our your their his her its my mine ours hey hello hi yo ok okay bot finops estimate estimated expect expected predict predicted
        projection pace track trajectory happen happened happening explain explained cause caused causing behind reason reasons
        app apps weekend weekends hours engine instance instances machine machines simple elastic relational
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal),
        StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20,
        ["thirty"] = 30, ["sixty"] = 60, ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11,
        ["dec"] = 12, ["december"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Dimension words by stem ("teams" -> "team"); two-word names are matched first.</summary>
    public static readonly FrozenDictionary<string, DimensionKind> DimensionWords = new Dictionary<string, DimensionKind>(StringComparer.Ordinal)
    {
        ["team"] = DimensionKind.Team, ["squad"] = DimensionKind.Team, ["spender"] = DimensionKind.Team, ["owner"] = DimensionKind.Team,
        ["service"] = DimensionKind.Service, ["product"] = DimensionKind.Service,
        ["category"] = DimensionKind.Category,
        ["provider"] = DimensionKind.Provider, ["cloud"] = DimensionKind.Provider, ["vendor"] = DimensionKind.Provider,
        ["region"] = DimensionKind.Region, ["location"] = DimensionKind.Region,
        ["account"] = DimensionKind.Account, ["subscription"] = DimensionKind.Account, ["project"] = DimensionKind.Account,
        ["environment"] = DimensionKind.Environment, ["env"] = DimensionKind.Environment,
        ["resource"] = DimensionKind.Resource,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, DimensionKind> TwoWordDimensions = new Dictionary<string, DimensionKind>(StringComparer.Ordinal)
    {
        ["service category"] = DimensionKind.Category,
        ["billing account"] = DimensionKind.BillingAccount,
        ["charge category"] = DimensionKind.ChargeCategory,
        ["charge type"] = DimensionKind.ChargeCategory,
        ["pricing category"] = DimensionKind.PricingCategory,
        ["pricing model"] = DimensionKind.PricingCategory,
        ["cloud provider"] = DimensionKind.Provider,
        ["sub account"] = DimensionKind.Account,
        ["resource group"] = DimensionKind.Resource,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Short forms people type in chat ("lst month", "prev wk"), expanded before parsing unless they name a value.</summary>
    public static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lst"] = "last", ["lsat"] = "last", ["prev"] = "previous", ["mnth"] = "month", ["mth"] = "month",
        ["wk"] = "week", ["wks"] = "weeks", ["yr"] = "year", ["yrs"] = "years", ["qtr"] = "quarter", ["yday"] = "yesterday",
        ["svc"] = "service", ["svcs"] = "services",

        // Typos too short for the edit-distance correction (which starts at five letters), and chat short forms of periods.
        ["wek"] = "week", ["weeek"] = "week", ["wekk"] = "week", ["weks"] = "weeks", ["mnths"] = "months", ["mths"] = "months",
        ["qtrs"] = "quarters", ["qrt"] = "quarter", ["yer"] = "year", ["yest"] = "yesterday", ["tody"] = "today", ["todya"] = "today", ["tdy"] = "today",
        ["lw"] = "last week", ["lm"] = "last month", ["lq"] = "last quarter", ["ly"] = "last year", ["lfy"] = "last fiscal year",
        ["pw"] = "previous week", ["pq"] = "previous quarter",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Keywords worth correcting when misspelt ("yesterdy", "octber", "servcies"); all five letters or more.</summary>
    public static readonly IReadOnlyList<string> CorrectableKeywords =
    [
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "yesterday", "today", "month", "months", "quarter", "quarters", "weekly", "monthly", "daily", "years",
        "forecast", "breakdown", "compare", "compared", "trend", "unallocated", "untagged", "refreshed", "invoice", "invoiced",
        "billed", "amortised", "amortized", "expensive", "biggest", "largest", "highest", "service", "services", "teams",
        "account", "accounts", "region", "regions", "provider", "providers", "category", "categories", "environment",
        "spend", "spent", "spending", "costs", "total", "previous", "increase", "decrease", "change", "changed",
    ];

    public static bool TryNumber(Token token, out int number)
    {
        if (token.IsNumber)
        {
            number = token.Number;
            return true;
        }

        return NumberWords.TryGetValue(token.Text, out number);
    }
}
