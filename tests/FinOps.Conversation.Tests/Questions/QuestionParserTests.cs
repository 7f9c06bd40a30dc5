using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

public sealed class QuestionParserTests
{
    private static readonly DateOnly Today = DemoCatalog.AsOf;
    private readonly QuestionParser _parser = new(DemoCatalog.Catalog, CostCalendar.Default);

    private ParsedQuestion Parse(string text) => _parser.Parse(text, Today);

    [Theory]
    [InlineData("how much is untagged this month")]
    [InlineData("unallocated cost last month")]
    public void Parse_Untagged_MeansUnallocatedTeamEvenWhenStoreShowsUntaggedPlaceholders(string text)
    {
        var values = new Dictionary<Dimension, IReadOnlyList<string>>(DemoCatalog.Values)
        {
            [Dimension.Environment] = ["prod", "staging", "(untagged)"],
            [Dimension.Tag("application")] = ["web-store", "(untagged)"],
            [Dimension.Account] = ["payments-prod", "(none)"],
        };
        var parsed = new QuestionParser(new ValueCatalog(values), CostCalendar.Default).Parse(text, Today);

        Assert.Equal(QuestionIntent.Unallocated, parsed.Intent);
        Assert.NotNull(parsed.Query);
        Assert.Equal(["Unallocated"], parsed.Query.Filters[Dimension.Team]);
    }

    [Fact]
    public void AsOf_IsAMonday()
    {
        Assert.Equal(DayOfWeek.Monday, Today.DayOfWeek);
    }

    [Theory]
    [InlineData("spend today", "2026-11-23", "2026-11-24")]
    [InlineData("spend yesterday", "2026-11-22", "2026-11-23")]
    [InlineData("spend this week", "2026-11-23", "2026-11-24")]
    [InlineData("spend last week", "2026-11-16", "2026-11-23")]
    [InlineData("spend this month", "2026-11-01", "2026-11-24")]
    [InlineData("spend last month", "2026-10-01", "2026-11-01")]
    [InlineData("spend in October", "2026-10-01", "2026-11-01")]
    [InlineData("spend in December", "2025-12-01", "2026-01-01")]
    [InlineData("spend in November", "2026-11-01", "2026-11-24")]
    [InlineData("spend in May", "2026-05-01", "2026-06-01")]
    [InlineData("spend in Q3", "2026-07-01", "2026-10-01")]
    [InlineData("spend in Q4", "2026-10-01", "2026-11-24")]
    [InlineData("spend in Q1 2025", "2025-01-01", "2025-04-01")]
    [InlineData("spend this quarter", "2026-10-01", "2026-11-24")]
    [InlineData("spend last quarter", "2026-07-01", "2026-10-01")]
    [InlineData("spend year to date", "2026-01-01", "2026-11-24")]
    [InlineData("spend ytd", "2026-01-01", "2026-11-24")]
    [InlineData("spend last year", "2025-01-01", "2026-01-01")]
    [InlineData("spend in 2025", "2025-01-01", "2026-01-01")]
    [InlineData("spend last 7 days", "2026-11-16", "2026-11-23")]
    [InlineData("spend in the past 30 days", "2026-10-24", "2026-11-23")]
    [InlineData("spend last two weeks", "2026-11-09", "2026-11-23")]
    [InlineData("spend last 3 months", "2026-08-01", "2026-11-01")]
    [InlineData("spend from Sep 3 to Sep 9", "2026-09-03", "2026-09-10")]
    [InlineData("spend between 3 September and 9 September", "2026-09-03", "2026-09-10")]
    [InlineData("spend Sep 3-9", "2026-09-03", "2026-09-10")]
    [InlineData("spend 2026-10-01..2026-10-15", "2026-10-01", "2026-10-16")]
    [InlineData("spend 2026-10-01 to 2026-10-15", "2026-10-01", "2026-10-16")]
    [InlineData("spend from Dec 28 to Jan 3", "2025-12-28", "2026-01-04")]
    [InlineData("spend on Nov 20th", "2026-11-20", "2026-11-21")]
    [InlineData("spend on Dec 25", "2025-12-25", "2025-12-26")]
    [InlineData("spend so far", "2026-11-01", "2026-11-24")]
    [InlineData("spend month to date", "2026-11-01", "2026-11-24")]
    [InlineData("spend mtd", "2026-11-01", "2026-11-24")]
    [InlineData("spend so far this year", "2026-01-01", "2026-11-24")]
    [InlineData("spend since October", "2026-10-01", "2026-11-24")]
    [InlineData("spend 2 weeks ago", "2026-11-09", "2026-11-16")]
    [InlineData("total spend", "2026-11-01", "2026-11-24")]
    public void Parse_TimeExpression_GivesHalfOpenPeriod(string text, string start, string end)
    {
        var parsed = Parse(text);

        Assert.True(parsed.Understood);
        Assert.Equal(new DateRange(DateOnly.Parse(start), DateOnly.Parse(end)), parsed.Query!.Period);
    }

    [Theory]
    [InlineData(7, "spend in Q1", "2026-07-01", "2026-10-01")]
    [InlineData(7, "spend this quarter", "2026-10-01", "2026-11-24")]
    [InlineData(7, "spend last quarter", "2026-07-01", "2026-10-01")]
    [InlineData(7, "spend in Q3 FY2026", "2026-01-01", "2026-04-01")]
    [InlineData(4, "spend in Q2", "2026-07-01", "2026-10-01")]
    [InlineData(7, "spend this fiscal year", "2026-07-01", "2026-11-24")]
    [InlineData(7, "spend last fiscal year", "2025-07-01", "2026-07-01")]
    [InlineData(4, "spend in H1", "2026-04-01", "2026-10-01")]
    [InlineData(4, "spend in H2", "2026-10-01", "2026-11-24")]
    [InlineData(1, "first half of last year", "2025-01-01", "2025-07-01")]
    [InlineData(1, "second half of the year", "2026-07-01", "2026-11-24")]
    public void Parse_FiscalQuarters_FollowConfiguredFiscalYear(int startMonth, string text, string start, string end)
    {
        var parser = new QuestionParser(DemoCatalog.Catalog, new CostCalendar(startMonth));

        var parsed = parser.Parse(text, Today);

        Assert.Equal(new DateRange(DateOnly.Parse(start), DateOnly.Parse(end)), parsed.Query!.Period);
    }

    [Theory]
    [InlineData("what is our bill this month", CostMetric.BilledCost)]
    [InlineData("billed cost last week", CostMetric.BilledCost)]
    [InlineData("invoice for october", CostMetric.BilledCost)]
    [InlineData("how much was invoiced last month", CostMetric.BilledCost)]
    [InlineData("list price of compute", CostMetric.ListCost)]
    [InlineData("on-demand cost last week", CostMetric.ListCost)]
    [InlineData("on demand spend", CostMetric.ListCost)]
    [InlineData("retail cost of s3", CostMetric.ListCost)]
    [InlineData("amortised spend", CostMetric.EffectiveCost)]
    [InlineData("how much did we spend", CostMetric.EffectiveCost)]
    public void Parse_MetricWords_SelectMetric(string text, CostMetric metric)
    {
        Assert.Equal(metric, Parse(text).Query!.Metric);
    }

    [Theory]
    [InlineData("ec2 spend", "service", "Amazon Elastic Compute Cloud")]
    [InlineData("S3 spend", "service", "Amazon Simple Storage Service")]
    [InlineData("rds spend", "service", "Amazon Relational Database Service")]
    [InlineData("lambda spend", "service", "AWS Lambda")]
    [InlineData("azure VMs spend", "service", "Virtual Machines")]
    [InlineData("aks spend", "service", "Azure Kubernetes Service")]
    [InlineData("gce spend", "service", "Compute Engine")]
    [InlineData("big query spend", "service", "BigQuery")]
    [InlineData("elastic compute cloud spend", "service", "Amazon Elastic Compute Cloud")]
    [InlineData("azure spend", "provider", "Microsoft")]
    [InlineData("gcp spend", "provider", "Google")]
    [InlineData("google cloud spend", "provider", "Google")]
    [InlineData("aws spend", "provider", "AWS")]
    [InlineData("storage spend", "category", "Storage")]
    [InlineData("compute spend", "category", "Compute")]
    [InlineData("databases spend", "category", "Databases")]
    [InlineData("prod spend", "environment", "production")]
    [InlineData("Payments spend", "team", "payments")]
    [InlineData("PAYMENTS spend", "team", "payments")]
    [InlineData("payment spend", "team", "payments")]
    [InlineData("paymnets spend", "team", "payments")]
    [InlineData("checkuot spend", "team", "checkout")]
    [InlineData("us-east-1 spend", "region", "us-east-1")]
    public void Parse_ValueWords_ResolveToStoredValues(string text, string dimension, string value)
    {
        var filters = Parse(text).Query!.Filters;

        Assert.Equal([value], filters[Dimension.Parse(dimension)]);
    }

    [Theory]
    [InlineData("spend yesterdy", "2026-11-22", "2026-11-23")]
    [InlineData("spend in octber", "2026-10-01", "2026-11-01")]
    [InlineData("spend in Septmber", "2026-09-01", "2026-10-01")]
    public void Parse_MisspeltTimeWords_AreCorrected(string text, string start, string end)
    {
        Assert.Equal(new DateRange(DateOnly.Parse(start), DateOnly.Parse(end)), Parse(text).Query!.Period);
    }

    [Fact]
    public void Parse_MisspeltValueCloserThanKeyword_StaysAValue()
    {
        var parsed = Parse("how much did growht spend");

        Assert.Equal(["growth"], parsed.Query!.Filters[Dimension.Team]);
    }

    [Theory]
    [InlineData("untagged spend")]
    [InlineData("unallocated cost")]
    [InlineData("spend with no team")]
    public void Parse_UntaggedWords_MeanUnallocatedTeam(string text)
    {
        var parsed = Parse(text);

        Assert.Equal(QuestionIntent.Unallocated, parsed.Intent);
        Assert.Equal(["Unallocated"], parsed.Query!.Filters[Dimension.Team]);
    }

    [Theory]
    [InlineData("spend last week")]
    [InlineData("spent last week")]
    [InlineData("total costs last week")]
    public void Parse_CommonWords_AreNeverTypoCorrected(string text)
    {
        Assert.Empty(Parse(text).Query!.Filters);
    }

    [Fact]
    public void Parse_ShortWords_AreNotTypoCorrected()
    {
        // "dta" is three letters: too short to guess "data".
        var parsed = Parse("dta spend");

        Assert.Empty(parsed.Query!.Filters);
        Assert.Equal(["dta"], parsed.UnrecognisedWords);
    }

    [Theory]
    [InlineData("@finops how much did payments spend last week")]
    [InlineData("<@U0123ABC> how much did payments spend last week")]
    [InlineData("<@U0123ABC|finops> how much did payments spend last week?")]
    [InlineData("<at>FinOps</at> how much did payments spend last week")]
    [InlineData("hey bot, how much did payments spend last week")]
    [InlineData("Hi FinOps: how much did payments spend last week??")]
    public void Parse_ChatPrefixes_AreStripped(string text)
    {
        var parsed = Parse(text);

        Assert.Equal(QuestionIntent.Total, parsed.Intent);
        Assert.Equal(["payments"], parsed.Query!.Filters[Dimension.Team]);
        Assert.Equal(new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)), parsed.Query.Period);
        Assert.Empty(parsed.UnrecognisedWords);
    }

    [Fact]
    public void Parse_WordMatchingTwoValuesEqually_ReportsAmbiguity()
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Team] = ["data", "payments"],
            [Dimension.Account] = ["data", "sandbox"],
        }), CostCalendar.Default);

        var parsed = parser.Parse("data costs last week", Today);

        var ambiguity = Assert.Single(parsed.Ambiguities);
        Assert.Equal("data", ambiguity.Word);
        Assert.Equal([new ValueMatch(Dimension.Team, "data"), new ValueMatch(Dimension.Account, "data")], ambiguity.Candidates);
    }

    [Fact]
    public void Parse_SubjectOfSpend_PrefersTheTeam()
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Team] = ["identity", "payments"],
            [Dimension.Category] = ["Identity", "Storage"],
        }), CostCalendar.Default);

        var parsed = parser.Parse("how much did identity spend last week", Today);

        Assert.Empty(parsed.Ambiguities);
        Assert.Equal(["identity"], parsed.Query!.Filters[Dimension.Team]);
        Assert.False(parsed.Query.Filters.ContainsKey(Dimension.Category));
    }

    [Theory]
    [InlineData("vms cost last week")]
    [InlineData("virtual machine spend")]
    [InlineData("k8s costs")]
    public void Parse_GenericServiceName_MeansThatKindOfServiceOfEveryProvider(string text)
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Service] =
            [
                "Amazon Elastic Compute Cloud", "Azure Virtual Machines", "Compute Engine", "Amazon Elastic Kubernetes Service",
                "Azure Kubernetes Service", "Google Kubernetes Engine",
            ],
        }), CostCalendar.Default);

        var parsed = parser.Parse(text, Today);

        // Issue 13: "VMs" is the virtual machine service of every provider in the data, not a question back.
        Assert.Empty(parsed.Ambiguities);
        Assert.Equal(3, parsed.Query!.Filters[Dimension.Service].Count);
    }

    [Theory]
    [InlineData("azure vms cost last week", "Azure Virtual Machines")]
    [InlineData("gcs storage costs", "Cloud Storage")]
    public void Parse_ProviderQualifiedOrDescribedService_IsOneService(string text, string service)
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Service] = ["Amazon Elastic Compute Cloud", "Azure Virtual Machines", "Compute Engine", "Cloud Storage"],
            [Dimension.Provider] = ["AWS", "Microsoft", "Google Cloud"],
            [Dimension.Category] = ["Compute", "Storage"],
        }), CostCalendar.Default);

        var parsed = parser.Parse(text, Today);

        Assert.Empty(parsed.Ambiguities);
        Assert.Equal([service], parsed.Query!.Filters[Dimension.Service]);
        Assert.Single(parsed.Query.Filters);
    }

    [Theory]
    [InlineData("spend in virginia", new[] { "us-east-1", "eastus", "us-ashburn-1" })]
    [InlineData("europe spend", new[] { "eu-west-1", "westeurope", "europe-west4" })]
    public void Parse_PlaceName_FiltersOnEveryRegionThereWithoutAskingBack(string text, string[] regions)
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Region] = ["us-east-1", "eu-west-1", "eastus", "westeurope", "us-central1", "europe-west4", "us-ashburn-1"],
        }), CostCalendar.Default);

        var parsed = parser.Parse(text, Today);

        Assert.Empty(parsed.Ambiguities);
        Assert.Equal(regions, parsed.Query!.Filters[Dimension.Region]);
    }

    [Theory]
    [InlineData("spend by cost center last month")]
    [InlineData("spend by cost-center tag last month")]
    public void Parse_TagKeyTypedAsWords_GroupsByTheTag(string text)
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Tag("cost-center")] = ["CC-1000"],
        }), CostCalendar.Default);

        var parsed = parser.Parse(text, Today);

        Assert.Equal([Dimension.Tag("cost-center")], parsed.Query!.GroupBy);
    }

    [Theory]
    [InlineData("how much did the data team spend", "team")]
    [InlineData("how much did the data account cost", "account")]
    public void Parse_DimensionWordNextToAmbiguousValue_Disambiguates(string text, string dimension)
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Team] = ["data"],
            [Dimension.Account] = ["data"],
        }), CostCalendar.Default);

        var parsed = parser.Parse(text, Today);

        Assert.Empty(parsed.Ambiguities);
        Assert.Equal(["data"], parsed.Query!.Filters[Dimension.Parse(dimension)]);
        Assert.Single(parsed.Query.Filters);
    }

    [Fact]
    public void Parse_TypoCloseToTwoValues_ReportsAmbiguity()
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Team] = ["alpha1", "alpha2"],
        }), CostCalendar.Default);

        var parsed = parser.Parse("alpha spend", Today);

        Assert.Equal(2, Assert.Single(parsed.Ambiguities).Candidates.Count);
    }

    [Fact]
    public void Parse_SynonymWhoseTargetIsNotInTheData_DoesNotResolve()
    {
        var parser = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Provider] = ["AWS"],
        }), CostCalendar.Default);

        var parsed = parser.Parse("gcp spend", Today);

        Assert.Empty(parsed.Query!.Filters);
        Assert.Equal(["gcp"], parsed.UnrecognisedWords);
    }

    [Fact]
    public void Parse_Compare_PutsMoreRecentPeriodFirst()
    {
        var parsed = Parse("september vs october");

        Assert.Equal(QuestionIntent.Compare, parsed.Intent);
        Assert.Equal(new DateRange(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), parsed.Query!.Period);
        Assert.Equal(new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)), parsed.Query.ComparePeriod);
    }

    [Fact]
    public void Parse_Total_CarriesNaturalComparisonForContext()
    {
        var parsed = Parse("payments spend last week");

        Assert.Null(parsed.Query!.ComparePeriod);
        Assert.Equal(new DateRange(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)), parsed.ContextComparePeriod);
        Assert.Equal("the week before", parsed.ContextCompareLabel!.Phrase);
        Assert.Equal("last week", parsed.PeriodLabel.Phrase);
    }

    [Fact]
    public void Parse_Forecast_UsesWholeRunningUnit()
    {
        var parsed = Parse("forecast this quarter");

        Assert.Equal(QuestionIntent.Forecast, parsed.Intent);
        Assert.Equal(new DateRange(new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1)), parsed.Query!.Period);
        Assert.Equal("this quarter", parsed.PeriodLabel.Phrase);
    }

    [Theory]
    [InlineData("what's the weather in paris")]
    [InlineData("tell me a joke")]
    public void Parse_NonCostQuestion_IsNotUnderstood(string text)
    {
        var parsed = Parse(text);

        Assert.False(parsed.Understood);
        Assert.Null(parsed.Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("@finops")]
    [InlineData("what can you do?")]
    public void Parse_HelpRequests_GiveHelpIntent(string text)
    {
        Assert.Equal(QuestionIntent.Help, Parse(text).Intent);
    }

    [Fact]
    public void Parse_MayAsVerb_IsNotAMonth()
    {
        var parsed = Parse("may I see payments spend last week");

        Assert.Equal(new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)), parsed.Query!.Period);
    }

    [Fact]
    public void Parse_LongAdversarialInput_StaysFast()
    {
        // Linear scanning: a long run of near-values and separators must not blow up.
        var text = string.Concat(Enumerable.Repeat("paymnets-checkuot .. - sep 3 - ", 2000));

        var parsed = Parse(text);

        Assert.NotNull(parsed);
    }
}
