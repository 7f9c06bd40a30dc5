using FinOps.Core.Allocation;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.People;
using FinOps.Core.Query;
using FinOps.Storage.Approvals;
using FinOps.Storage.Data;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Approvals;

/// <summary>A real store (SQLite, or PostgreSQL when asked), a fake clock, a directory with every role and one monthly payments budget.</summary>
internal sealed class ApprovalFixture : IDisposable
{
    public const string Rules = """
        version: 1
        roles:
          finance:
            - name: Fiona Finance
              email: fiona@corp.example
          admin:
            - name: Adam Admin
              email: adam@corp.example
        teams:
          - key: payments
            owners:
              - name: Pat Owner
                email: pat@corp.example
                slack: U0PAT0001
            members:
              - name: Mia Member
                email: mia@corp.example
            approvers:
              - name: Ana Approver
                email: ana@corp.example
          - key: search
            owners:
              - name: Sam Search
                email: sam@corp.example
            members:
              - name: Bob Bystander
                email: bob@corp.example
        """;

    public const string BudgetId = "payments-monthly";

    private readonly TestDatabase _db;

    public ApprovalFixture(ApprovalOptions? options = null, StorageProvider provider = StorageProvider.Sqlite)
    {
        _db = new TestDatabase(provider: provider);
        Options = options ?? new ApprovalOptions { FinanceApprovalAbove = 5000m };
        Directory = new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml")));
        Store = new SqliteApprovalStore(_db.Database);
        Service = NewService(Store);
        Timers = new ApprovalTimers(Store, Directory, new ApprovalPolicy(Options), Notifier, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    public ApprovalOptions Options { get; }

    public DirectorySource Directory { get; }

    public FakeBudgets Budgets { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public SqliteApprovalStore Store { get; }

    public ApprovalService Service { get; }

    public ApprovalTimers Timers { get; }

    public CostDatabase Database => _db.Database;

    /// <summary>The store's database, for raw statements on either provider.</summary>
    public TestDatabase Db => _db;

    public static DateRange December { get; } = new(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1));

    /// <summary>A second store and service over the same file, as after a restart.</summary>
    public (SqliteApprovalStore Store, ApprovalService Service, CostDatabase Database) Restart()
    {
        var database = new CostDatabase(_db.Options);
        var store = new SqliteApprovalStore(database);
        return (store, NewService(store), database);
    }

    public ApprovalService NewService(IApprovalStore store) =>
        new(store, Budgets, Directory, new ApprovalPolicy(Options), Notifier, Time);

    public Person Person(string email) =>
        Directory.Current.FindByEmail(email) ?? throw new InvalidOperationException(email + " is not in the test directory");

    public static ApprovalParty Where(string channel = "slack") => new("?", "?", channel, "C0PAYMENTS", "T0CORP");

    public async Task<ApprovalRequest> RequestAsync(decimal amount = 2000m, string by = "mia@corp.example")
    {
        var result = await Service.RequestAsync(new NewApprovalRequest(BudgetId, new DateOnly(2026, 12, 7), amount, "launch traffic"), Person(by), Where(), CancellationToken.None);
        Assert.Equal(ApprovalResultKind.Created, result.Kind);
        return result.Request!;
    }

    public Task<ApprovalResult> DecideAsync(string requestId, string by, ApprovalAction action, decimal? amount = null, string? note = null, string channel = "slack") =>
        Service.DecideAsync(requestId, new ApprovalDecision(action, amount, note), Directory.Current.FindByEmail(by), Where(channel), "1700000000.000100", CancellationToken.None);

    public void Dispose() => _db.Dispose();

    internal sealed class FakeBudgets : IBudgetStatusService
    {
        public BudgetStatus Budget { get; set; } = new(
            BudgetId, "payments", new Dictionary<Dimension, IReadOnlyList<string>>(), December, CostMetric.EffectiveCost, "USD",
            20000m, 0m, 18000m, null, BudgetState.AtRisk);

        public Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BudgetStatus>>([Budget]);

        public Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult(budgetId == Budget.BudgetId && Budget.Period.Contains(asOf) ? Budget : null);
    }

    internal sealed class RecordingNotifier : IApprovalNotifier
    {
        public List<(string RequestId, ApprovalEventKind Why, string[] People)> Approvers { get; } = [];

        public List<(string RequestId, ApprovalStatus Status)> Updates { get; } = [];

        public List<(string RequestId, string Text)> Requesters { get; } = [];

        public Task NotifyApproversAsync(ApprovalRequest request, IReadOnlyList<Person> people, ApprovalEventKind why, CancellationToken cancellationToken)
        {
            lock (Approvers)
            {
                Approvers.Add((request.Id, why, [.. people.Select(p => p.Email!)]));
            }

            return Task.CompletedTask;
        }

        public Task UpdateCardsAsync(ApprovalRequest request, CancellationToken cancellationToken)
        {
            lock (Updates)
            {
                Updates.Add((request.Id, request.Status));
            }

            return Task.CompletedTask;
        }

        public Task NotifyRequesterAsync(ApprovalRequest request, string text, CancellationToken cancellationToken)
        {
            lock (Requesters)
            {
                Requesters.Add((request.Id, text));
            }

            return Task.CompletedTask;
        }
    }
}
