using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Rendering;

/// <summary>One fixed example of every card kind, built from constant inputs.</summary>
/// <remarks>
/// The renderers' golden files are rendered from these, the playground can show them as a gallery, and channel
/// transports can send them in their tests (every card kind then passes the platforms' own checkers).
/// </remarks>
public static class SampleCards
{
    private const string Usd = "USD";

    // Declared before All: static initializers run in text order and the sample cards use this chart.
    public static ChartSpec DailySpendChart { get; } = new(
        "Daily cost, last 7 days",
        Usd,
        [
            new ChartPoint("Mon", 912.40m), new ChartPoint("Tue", 1204.10m), new ChartPoint("Wed", 998.75m),
            new ChartPoint("Thu", 1010.02m), new ChartPoint("Fri", 1087.33m), new ChartPoint("Sat", 801.90m),
            new ChartPoint("Sun", 866.16m),
        ],
        ComparisonLine: [880.10m, 940.00m, 951.25m, 975.80m, 990.13m, 840.55m, 890.50m],
        BudgetLine: 1100m,
        ComparisonLabel: "Previous 7 days");

    public static IReadOnlyDictionary<string, Card> All { get; } = new Dictionary<string, Card>(StringComparer.Ordinal)
    {
        ["answer"] = Answer(),
        ["digest"] = Digest(),
        ["anomaly"] = Anomaly(),
        ["approval-request"] = ApprovalRequest(),
        ["approval-decided"] = ApprovalDecided(),
        ["help"] = Help(),
        ["error"] = Error(),
    };

    public static Card Answer()
    {
        var total = M(6880.66m);
        var previous = M(6468.33m);
        return new Card(
            "answer",
            "Cost last week: $6,880.66 (▲ +$412.33, +6.4% vs the week before). Top service: Compute $3,120.40.",
            [
                new TitleBlock("Cost last week by service"),
                new KeyNumberBlock("Total, Mon 16 – Sun 22 Nov 2026", total, Delta.Between(total, previous)),
                new CostTableBlock(
                    "Service",
                    [
                        Row("Compute", 3120.40m, 2790.12m, 0.4535m),
                        Row("Storage", 1480.22m, 1502.90m, 0.2151m),
                        Row("Databases", 1211.09m, 1090.00m, 0.1760m),
                        Row("Networking", 642.35m, 655.31m, 0.0934m),
                        Row("Monitoring & logs", 426.60m, 430.00m, 0.0620m),
                    ],
                    new CostTableRow("Total", total, Delta.Between(total, previous), 1m)),
                new ChartBlock(DailySpendChart, "Bar chart of daily cost for the last 7 days against the previous 7 days and a $1,100.00 daily budget; Tuesday peaked at $1,204.10, above budget."),
                new ContextBlock("Metric: EffectiveCost (FOCUS) · Data up to Sun 22 Nov 2026 23:59 UTC · AWS, Azure"),
                new ActionsBlock(
                [
                    new CardAction("question.drill", "Why did it change?", new Dictionary<string, string>
                    {
                        ["query"] = """{"intent":"drivers","metric":"EffectiveCost","period":{"start":"2026-11-16","end":"2026-11-23"},"comparePeriod":{"start":"2026-11-09","end":"2026-11-16"}}""",
                        ["label"] = "last week",
                        ["compareLabel"] = "the week before",
                    }),
                    new CardAction("question.drill", "By team", new Dictionary<string, string>
                    {
                        ["query"] = """{"intent":"breakdown","metric":"EffectiveCost","period":{"start":"2026-11-16","end":"2026-11-23"},"groupBy":["team"]}""",
                        ["label"] = "last week",
                    }),
                ]),
            ]);
    }

    public static Card Digest()
    {
        var total = M(28614.07m);
        var previous = M(27102.50m);
        return new Card(
            "digest",
            "Weekly digest for Platform team: $28,614.07 (▲ +5.6%). Forecast for November: $121,300.00, within the $125,000.00 budget.",
            [
                new TitleBlock("Weekly cost digest: Platform team"),
                new TextBlock("Spend rose **5.6%** week over week, mostly from _Compute_ in eu-west-1.\nNovember is on track to stay within budget."),
                new KeyNumberBlock("Last 7 days", total, Delta.Between(total, previous)),
                new FactsBlock(
                [
                    new Fact("Month to date", "$84,220.18"),
                    new Fact("Forecast, November", "$121,300.00"),
                    new Fact("Budget, November", "$125,000.00 (97% forecast)"),
                    new Fact("Anomalies", "1 open"),
                ]),
                new DividerBlock(),
                new CostTableBlock(
                    "Top movers",
                    [
                        Row("EC2 eu-west-1", 9120.00m, 7980.40m, null),
                        Row("Azure SQL prod", 3300.12m, 3010.77m, null),
                        Row("S3 logs bucket", 1020.45m, 1290.00m, null),
                    ]),
                new ContextBlock("Sent every Monday at 09:00 Europe/Berlin · Reply \"unsubscribe digest\" to stop"),
                new ActionsBlock(
                [
                    new CardAction("digest.details", "Open details", new Dictionary<string, string> { ["team"] = "platform", ["period"] = "2026-W47" }, ActionStyle.Primary),
                    new CardAction("digest.unsubscribe", "Unsubscribe", new Dictionary<string, string> { ["team"] = "platform" }),
                ]),
            ]);
    }

    public static Card Anomaly()
    {
        var actual = M(2480.00m);
        var expected = M(910.00m);
        return new Card(
            "anomaly",
            "Cost anomaly: Amazon CloudWatch in account prod-data spent $2,480.00 on 22 Nov 2026, expected about $910.00 (▲ +172.5%).",
            [
                new TitleBlock("⚠ Cost anomaly: Amazon CloudWatch"),
                new KeyNumberBlock("Sun 22 Nov 2026, account prod-data (123456789012)", actual, Delta.Between(actual, expected), "vs expected"),
                new FactsBlock(
                [
                    new Fact("Expected", "$910.00 (range $780.00 – $1,040.00)"),
                    new Fact("Usage type", "EUW1-DataProcessing-Bytes"),
                    new Fact("Owner", "Data platform (@dana)"),
                ]),
                new TextBlock("Log ingestion tripled after the **2026-11-21** deploy of ingest-worker. See [the runbook](https://wiki.example.com/runbooks/cloudwatch-costs)."),
                new ActionsBlock(
                [
                    new CardAction("anomaly.acknowledge", "Acknowledge", new Dictionary<string, string> { ["anomaly"] = "an_7f3c2a" }, ActionStyle.Primary),
                    new CardAction(
                        "anomaly.dismiss",
                        "Not an anomaly",
                        new Dictionary<string, string> { ["anomaly"] = "an_7f3c2a" },
                        ActionStyle.Default,
                        new ActionConfirmation("Dismiss this anomaly?", "Similar changes on this service will not be reported for 30 days.", "Dismiss", "Keep it")),
                ]),
            ]);
    }

    public static Card ApprovalRequest() => new(
        "approval-request",
        "Budget approval requested by Sam Lee: raise Data platform's December budget from $40,000.00 to $52,000.00 (▲ +30.0%).",
        [
            new TitleBlock("Budget approval requested"),
            new TextBlock("**Sam Lee** asks to raise the December budget of **Data platform**."),
            new FactsBlock(
            [
                new Fact("Current budget", "$40,000.00"),
                new Fact("Requested", "$52,000.00 (▲ +$12,000.00, +30.0%)"),
                new Fact("Forecast, December", "$49,870.00"),
                new Fact("Reason given", "Black Friday load tests and the new analytics cluster."),
            ]),
            new TextInputBlock("reason", "Comment for Sam (required to reject)", "Why are you approving or rejecting?", Required: false, Multiline: true),
            new ActionsBlock(
            [
                new CardAction("budget.approve", "Approve", new Dictionary<string, string> { ["request"] = "br_2026_12_data" }, ActionStyle.Primary),
                new CardAction(
                    "budget.reject",
                    "Reject",
                    new Dictionary<string, string> { ["request"] = "br_2026_12_data" },
                    ActionStyle.Danger,
                    new ActionConfirmation("Reject this request?", "Sam will be told that the December budget stays at $40,000.00.", "Reject", "Cancel")),
            ]),
            new ContextBlock("Request br_2026_12_data · Approvers: finance-approvers · Expires Tue 1 Dec 2026"),
        ]);

    public static Card ApprovalDecided() => new(
        "approval-decided",
        "Approved by Alex Kim: Data platform's December budget is now $52,000.00.",
        [
            new TitleBlock("✓ Budget approved"),
            new TextBlock("**Alex Kim** approved raising the December budget of **Data platform** to **$52,000.00**."),
            new FactsBlock(
            [
                new Fact("Previous budget", "$40,000.00"),
                new Fact("New budget", "$52,000.00"),
                new Fact("Comment", "OK for December only; revisit in January."),
            ]),
            new ContextBlock("Decided Mon 23 Nov 2026 10:04 UTC · Request br_2026_12_data"),
        ]);

    public static Card Help() => new(
        "help",
        "Ask me about cloud costs, e.g. \"cost last week by service\". Commands: subscribe, budgets, help.",
        [
            new TitleBlock("What I can do"),
            new TextBlock("Ask about your cloud costs in plain words, for example:\n• _cost last week by service_\n• _top 5 accounts this month_\n• _why did storage go up yesterday?_"),
            new FactsBlock(
            [
                new Fact("subscribe weekly digest", "Get a cost summary every Monday"),
                new Fact("budgets", "See budgets and forecasts for your teams"),
                new Fact("request budget", "Ask finance for a budget change"),
                new Fact("help", "Show this message"),
            ]),
            new ContextBlock("Costs come from FOCUS exports of AWS, Azure, Google Cloud and Oracle Cloud."),
        ]);

    public static Card Error() => new(
        "error",
        "Sorry, I could not answer that: no cost data for December 2026 yet. Try \"cost this month\".",
        [
            new TitleBlock("I could not answer that"),
            new TextBlock("There is **no cost data for December 2026** yet; the latest data is from Sun 22 Nov 2026."),
            new TextBlock("Try _cost this month_ or _cost last week by service_."),
            new ContextBlock("Reference: err_01HZX3"),
            new ActionsBlock([new CardAction("help.show", "Show help", new Dictionary<string, string>())]),
        ]);

    private static Money M(decimal amount) => new(amount, Usd);

    private static CostTableRow Row(string label, decimal amount, decimal previous, decimal? share) =>
        new(label, M(amount), Delta.Between(M(amount), M(previous)), share);
}
