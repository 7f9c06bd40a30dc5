using FinOps.Conversation.Cards;
using FinOps.Conversation.Freshness;
using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.Freshness;
using FinOps.Core.People;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Freshness;

/// <summary>Issue 17: an admin says "refresh the cost data" and every enabled source is synced now; others are told who can.</summary>
public sealed class RefreshDataCommandTests
{
    private const string Rules = """
        version: 1
        roles:
          admin:
            - name: Ada Admin
              email: ada@corp.example
              slack: U0ADA0001
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
        """;

    private static readonly ChatUser Ada = new("slack", "U0ADA0001");
    private static readonly ChatUser Pat = new("slack", "U0PAT0001");

    private readonly FakeRefresh _refresh = new(
        ["aws-prod", "azure-ea", "oci"],
        new SourceRefresh("aws-prod", "ok", 1, 2, 0, 1_234, []),
        new SourceRefresh("azure-ea", "ok", 0, 3, 0, 0, []),
        new SourceRefresh("oci", "rejected", 0, 0, 1, 0, ["source 'oci': run r-9 rejected, the previous data is kept: part p1.csv.gz line 7: BilledCost 'abc' is not a number."]));

    [Theory]
    [InlineData("refresh the cost data")]
    [InlineData("Sync the cost data now")]
    [InlineData("refresh costs")]
    [InlineData("please refresh the cost data!")]
    [InlineData("resync cost exports")]
    public async Task TryHandle_AdminSaysRefresh_SyncsAndReportsEachSource(string text)
    {
        var card = await SayAsync(Command(_refresh), text, Ada);

        Assert.Equal(1, _refresh.Calls);
        Assert.Equal(RefreshDataCommand.CardKind, card!.Kind);
        Assert.Equal(
            [
                "aws-prod: 1 run imported (1,234 rows), 2 runs unchanged.",
                "azure-ea: nothing new (3 runs unchanged).",
                "oci: 0 runs imported (0 rows), 0 runs unchanged, 1 run rejected (the previous data is kept): source 'oci': run r-9 rejected, the previous data is kept: part p1.csv.gz line 7: BilledCost 'abc' is not a number.",
            ],
            card.Blocks.OfType<TextBlock>().Select(b => b.Markdown));
        Assert.StartsWith("Cost data refreshed from 3 sources. aws-prod: 1 run imported", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandle_SourceCannotBeRead_SaysSoWithTheReason()
    {
        var refresh = new FakeRefresh(["aws-prod"], new SourceRefresh("aws-prod", "failed", 0, 0, 0, 0, ["source 'aws-prod': cannot list s3://bucket/focus/: Access Denied."]));

        var card = await SayAsync(Command(refresh), "refresh the cost data", Ada);

        Assert.Equal("aws-prod: could not be read, nothing changed. source 'aws-prod': cannot list s3://bucket/focus/: Access Denied.", Assert.Single(card!.Blocks.OfType<TextBlock>()).Markdown);
    }

    [Fact]
    public async Task TryHandle_NotAnAdmin_PoliteRefusalNamingTheAdminsAndNoSync()
    {
        var card = await SayAsync(Command(_refresh), "refresh the cost data", Pat);

        Assert.Equal(0, _refresh.Calls);
        Assert.Equal("Sorry, only admins can refresh the cost data. Please ask an admin: Ada Admin. The data also refreshes by itself on each source's schedule.", card!.FallbackText);
    }

    [Fact]
    public async Task TryHandle_UnknownPerson_Refused()
    {
        var card = await SayAsync(Command(_refresh), "refresh costs", new ChatUser("slack", "U0STRANGER"));

        Assert.Equal(0, _refresh.Calls);
        Assert.StartsWith("Sorry, only admins", card!.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandle_NoSourcesConfigured_SaysSo()
    {
        var none = await SayAsync(Command(new FakeRefresh([])), "refresh the cost data", Ada);
        var unregistered = await SayAsync(Command(null), "refresh the cost data", Ada);

        Assert.StartsWith("No ingestion sources are configured, so there is nothing to refresh", none!.FallbackText, StringComparison.Ordinal);
        Assert.Equal(none.FallbackText, unregistered!.FallbackText);
    }

    [Theory]
    [InlineData("how much did we spend this month")]
    [InlineData("what did refresh costs cost")]
    [InlineData("refresh the cost data for payments last month and compare")]
    [InlineData("costs")]
    public async Task TryHandle_OtherMessages_LeftToTheNextHandler(string text)
    {
        Assert.Null(await SayAsync(Command(_refresh), text, Ada));
        Assert.Equal(0, _refresh.Calls);
    }

    private static RefreshDataCommand Command(IDataRefresh? refresh)
    {
        var rules = new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml"));
        var people = new PersonResolver(new DirectorySource(rules), [], new FakeTimeProvider(), new DirectoryOptions());
        return new RefreshDataCommand(people, NullLogger<RefreshDataCommand>.Instance, refresh);
    }

    private static Task<Card?> SayAsync(RefreshDataCommand command, string text, ChatUser user) =>
        command.TryHandleAsync(new IncomingMessage(text, user, new ConversationAddress(user.Channel, "D0DM")), CancellationToken.None);

    private sealed class FakeRefresh(IReadOnlyList<string> sources, params SourceRefresh[] results) : IDataRefresh
    {
        public int Calls { get; private set; }

        public IReadOnlyList<string> Sources => sources;

        public Task<IReadOnlyList<SourceRefresh>> RefreshAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<SourceRefresh>>(results);
        }
    }
}
