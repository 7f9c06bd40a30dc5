using FinOps.Core.Approvals;

namespace FinOps.Storage.Tests.Approvals;

/// <remarks>On SQLite; <see cref="PostgreSql.ApprovalServicePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class ApprovalServiceTests
{
    private readonly StorageProvider _provider;

    public ApprovalServiceTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected ApprovalServiceTests(StorageProvider provider) => _provider = provider;

    [Theory]
    [InlineData("mia@corp.example", ApprovalResultKind.Created)]
    [InlineData("pat@corp.example", ApprovalResultKind.Created)]
    [InlineData("fiona@corp.example", ApprovalResultKind.Created)]
    [InlineData("adam@corp.example", ApprovalResultKind.Created)]
    [InlineData("bob@corp.example", ApprovalResultKind.NotAllowed)]
    [InlineData("stranger@else.example", ApprovalResultKind.NotAllowed)]
    public async Task RequestAsync_EachRole_OnlyTeamFinanceAndAdminMayRequest(string who, ApprovalResultKind expected)
    {
        using var f = new ApprovalFixture(provider: _provider);
        var result = await f.Service.RequestAsync(
            new NewApprovalRequest(ApprovalFixture.BudgetId, new DateOnly(2026, 12, 7), 2000m, "launch traffic"),
            f.Directory.Current.FindByEmail(who), ApprovalFixture.Where(), CancellationToken.None);

        Assert.Equal(expected, result.Kind);
        if (expected == ApprovalResultKind.Created)
        {
            // The period as people read it (last day inclusive), not the range's interval notation.
            Assert.StartsWith("Requested +2,000.00 USD for payments (2026-12-01 to 2026-12-31); sent to ", result.Message, StringComparison.Ordinal);
        }

        var stored = await f.Store.ListAsync(null, null, CancellationToken.None);
        Assert.Equal(expected == ApprovalResultKind.Created ? 1 : 0, stored.Count);
        Assert.Equal(expected == ApprovalResultKind.Created ? 1 : 0, (await f.Store.AuditAsync(null, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("mia@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("mia@corp.example", ApprovalAction.Deny, ApprovalResultKind.NotAllowed)]
    [InlineData("mia@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.NotAllowed)]
    [InlineData("pat@corp.example", ApprovalAction.Approve, ApprovalResultKind.Applied)]
    [InlineData("pat@corp.example", ApprovalAction.Deny, ApprovalResultKind.Applied)]
    [InlineData("pat@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.Applied)]
    [InlineData("ana@corp.example", ApprovalAction.Approve, ApprovalResultKind.Applied)]
    [InlineData("fiona@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("fiona@corp.example", ApprovalAction.Deny, ApprovalResultKind.NotAllowed)]
    [InlineData("fiona@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.NotAllowed)]
    [InlineData("adam@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("adam@corp.example", ApprovalAction.Deny, ApprovalResultKind.NotAllowed)]
    [InlineData("adam@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.NotAllowed)]
    [InlineData("bob@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("bob@corp.example", ApprovalAction.Deny, ApprovalResultKind.NotAllowed)]
    [InlineData("bob@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.NotAllowed)]
    public async Task DecideAsync_EachRoleAndAction_OnlyOwnersDecideBelowThreshold(string who, ApprovalAction action, ApprovalResultKind expected)
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync(2000m);

        var result = await f.DecideAsync(request.Id, who, action, note: "why not");

        Assert.Equal(expected, result.Kind);
        var stored = (await f.Store.FindAsync(request.Id, CancellationToken.None))!;
        var expectedStatus = expected == ApprovalResultKind.Applied
            ? action switch { ApprovalAction.Approve => ApprovalStatus.Approved, ApprovalAction.Deny => ApprovalStatus.Denied, _ => ApprovalStatus.Pending }
            : ApprovalStatus.Pending;
        Assert.Equal(expectedStatus, stored.Status);
        Assert.Equal(expected == ApprovalResultKind.Applied ? 2 : 1, (await f.Store.AuditAsync(request.Id, CancellationToken.None)).Count);
        if (expected == ApprovalResultKind.NotAllowed)
        {
            Assert.Contains("can't approve", result.Message, StringComparison.Ordinal);
            Assert.Empty(f.Notifier.Updates);
        }
    }

    [Theory]
    [InlineData("fiona@corp.example", ApprovalAction.Approve, ApprovalResultKind.Applied)]
    [InlineData("fiona@corp.example", ApprovalAction.Deny, ApprovalResultKind.Applied)]
    [InlineData("fiona@corp.example", ApprovalAction.AskForInfo, ApprovalResultKind.Applied)]
    [InlineData("pat@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("adam@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    [InlineData("bob@corp.example", ApprovalAction.Deny, ApprovalResultKind.NotAllowed)]
    [InlineData("mia@corp.example", ApprovalAction.Approve, ApprovalResultKind.NotAllowed)]
    public async Task DecideAsync_AboveThresholdAfterOwner_FinanceDecidesSecondStep(string who, ApprovalAction action, ApprovalResultKind expected)
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync(8000m);
        var first = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve);
        Assert.Equal(ApprovalResultKind.Applied, first.Kind);
        Assert.Equal(ApprovalStatus.Pending, first.Request!.Status);
        Assert.Equal(1, first.Request.Step);
        Assert.Contains(f.Notifier.Approvers, n => n.Why == ApprovalEventKind.StepApproved && n.People.SequenceEqual(["fiona@corp.example"]));

        var result = await f.DecideAsync(request.Id, who, action, note: "need detail");

        Assert.Equal(expected, result.Kind);
    }

    [Fact]
    public async Task DecideAsync_OwnerApprovesLessBelowThreshold_ApprovedWithoutFinance()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync(8000m);

        var result = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve, amount: 3000m);

        Assert.Equal(ApprovalStatus.Approved, result.Request!.Status);
        Assert.Equal(3000m, result.Request.ApprovedAmount);
        var audit = await f.Store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Equal([ApprovalEventKind.Requested, ApprovalEventKind.Approved], audit.Select(a => a.Kind));
        Assert.Equal((8000m, 3000m), (audit[1].AmountBefore!.Value, audit[1].AmountAfter!.Value));
        Assert.Equal(3000m, await f.Store.GetApprovedIncreaseAsync(ApprovalFixture.BudgetId, ApprovalFixture.December, CancellationToken.None));
    }

    [Theory]
    [InlineData(false, ApprovalResultKind.NotAllowed)]
    [InlineData(true, ApprovalResultKind.Applied)]
    public async Task DecideAsync_RequesterIsOwner_SelfApprovalOnlyWhenConfigured(bool allow, ApprovalResultKind expected)
    {
        using var f = new ApprovalFixture(new ApprovalOptions { AllowSelfApproval = allow }, _provider);
        var request = await f.RequestAsync(2000m, by: "pat@corp.example");

        var result = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve);

        Assert.Equal(expected, result.Kind);
    }

    [Fact]
    public async Task DecideAsync_DenyWithoutReason_InvalidAndStillPending()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();

        var result = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Deny, note: "  ");

        Assert.Equal(ApprovalResultKind.Invalid, result.Kind);
        Assert.Equal(ApprovalStatus.Pending, (await f.Store.FindAsync(request.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DecideAsync_AskForInfo_QuestionToRequesterAndRequestStaysOpen()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();

        var result = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.AskForInfo, note: "Which launch?");

        Assert.Equal(ApprovalResultKind.Applied, result.Kind);
        Assert.Equal(ApprovalStatus.Pending, (await f.Store.FindAsync(request.Id, CancellationToken.None))!.Status);
        Assert.Contains(f.Notifier.Requesters, r => r.Text.Contains("Which launch?", StringComparison.Ordinal));
        var audit = await f.Store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Equal(ApprovalEventKind.InfoRequested, audit[^1].Kind);
        Assert.Equal("pat@corp.example", audit[^1].Actor);
        Assert.Equal("1700000000.000100", audit[^1].MessageId);
    }

    [Fact]
    public async Task DecideAsync_DoubleClick_OneDecisionSecondSeesOutcome()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();

        var first = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve);
        var second = await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve);

        Assert.Equal(ApprovalResultKind.Applied, first.Kind);
        Assert.Equal(ApprovalResultKind.AlreadyDecided, second.Kind);
        Assert.StartsWith("Approved by Pat Owner", second.Message, StringComparison.Ordinal);
        var audit = await f.Store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Single(audit, a => a.Kind == ApprovalEventKind.Approved);
        Assert.Single(f.Notifier.Requesters);
    }

    [Fact]
    public async Task DecideAsync_TwoApproversRacingFromTwoThreadsAndChannels_ExactlyOneDecision()
    {
        using var f = new ApprovalFixture(provider: _provider);
        for (var round = 0; round < 10; round++)
        {
            var request = await f.RequestAsync();
            using var start = new Barrier(2);
            var approve = Task.Run(() =>
            {
                start.SignalAndWait();
                return f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve, channel: "slack");
            });
            var deny = Task.Run(() =>
            {
                start.SignalAndWait();
                return f.DecideAsync(request.Id, "ana@corp.example", ApprovalAction.Deny, note: "not now", channel: "teams");
            });
            var results = await Task.WhenAll(approve, deny);

            Assert.Single(results, r => r.Kind == ApprovalResultKind.Applied);
            Assert.Single(results, r => r.Kind == ApprovalResultKind.AlreadyDecided);
            var audit = await f.Store.AuditAsync(request.Id, CancellationToken.None);
            Assert.Single(audit, a => a.Kind is ApprovalEventKind.Approved or ApprovalEventKind.Denied);
            var stored = (await f.Store.FindAsync(request.Id, CancellationToken.None))!;
            var winner = results.Single(r => r.Kind == ApprovalResultKind.Applied).Request!;
            Assert.Equal(winner.Status, stored.Status);
        }
    }

    [Fact]
    public async Task DecideAsync_AfterRestart_RequestContinuesFromTheFile()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync(8000m);
        Assert.Equal(ApprovalResultKind.Applied, (await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve)).Kind);

        var (store, service, database) = f.Restart();
        using (database)
        {
            var result = await service.DecideAsync(
                request.Id, new ApprovalDecision(ApprovalAction.Approve), f.Person("fiona@corp.example"), ApprovalFixture.Where("teams"), "act-1", CancellationToken.None);

            Assert.Equal(ApprovalResultKind.Applied, result.Kind);
            Assert.Equal(ApprovalStatus.Approved, result.Request!.Status);
            Assert.Equal(
                [ApprovalEventKind.Requested, ApprovalEventKind.StepApproved, ApprovalEventKind.Approved],
                (await store.AuditAsync(request.Id, CancellationToken.None)).Select(a => a.Kind));
            Assert.Equal(8000m, await store.GetApprovedIncreaseAsync(ApprovalFixture.BudgetId, ApprovalFixture.December, CancellationToken.None));
        }
    }

    [Fact]
    public async Task RequestAsync_ZeroAmountOrNoReason_InvalidAndNothingStored()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var mia = f.Person("mia@corp.example");

        var zero = await f.Service.RequestAsync(new NewApprovalRequest(ApprovalFixture.BudgetId, new DateOnly(2026, 12, 7), 0m, "x"), mia, ApprovalFixture.Where(), CancellationToken.None);
        var noReason = await f.Service.RequestAsync(new NewApprovalRequest(ApprovalFixture.BudgetId, new DateOnly(2026, 12, 7), 10m, " "), mia, ApprovalFixture.Where(), CancellationToken.None);
        var unknown = await f.Service.RequestAsync(new NewApprovalRequest("nope", new DateOnly(2026, 12, 7), 10m, "x"), mia, ApprovalFixture.Where(), CancellationToken.None);

        Assert.Equal((ApprovalResultKind.Invalid, ApprovalResultKind.Invalid, ApprovalResultKind.NotFound), (zero.Kind, noReason.Kind, unknown.Kind));
        Assert.Empty(await f.Store.ListAsync(null, null, CancellationToken.None));
    }
}
