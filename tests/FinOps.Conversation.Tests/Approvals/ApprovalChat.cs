using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.Forecasting;
using FinOps.Core.People;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Approvals;

/// <summary>The chat side of approvals over an in-memory store: command, button handler and notifier with recording senders.</summary>
internal sealed class ApprovalChat
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
                slack: U0MIA0001
          - key: search
            owners:
              - name: Sam Search
                email: sam@corp.example
            members:
              - name: Bob Bystander
                email: bob@corp.example
                slack: U0BOB0001
        """;

    public ApprovalChat()
    {
        var directory = new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml")));
        var people = new PersonResolver(directory, [], Time, new DirectoryOptions());
        var services = new ServiceCollection();
        services.AddSingleton<IProactiveSender>(Slack);
        services.AddSingleton<IProactiveSender>(Playground);
        var policy = new ApprovalPolicy(new ApprovalOptions { FinanceApprovalAbove = 5000m });
        var notifier = new ApprovalCardNotifier(
            services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), Store, new DirectoryAddressBook(), NullLogger<ApprovalCardNotifier>.Instance, Budgets,
            policy, directory, Time);
        Service = new ApprovalService(Store, Budgets, directory, policy, notifier, Time);
        Command = new ApprovalCommand(Service, Store, Budgets, people, CostCalendar.Default, Time);
        Handler = new ApprovalActionHandler(Service, Store, Budgets, people, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    public InMemoryApprovalStore Store { get; } = new();

    public FakeBudgets Budgets { get; } = new();

    public RecordingSender Slack { get; } = new("slack");

    public RecordingSender Playground { get; } = new("playground");

    public ApprovalService Service { get; }

    public ApprovalCommand Command { get; }

    public ApprovalActionHandler Handler { get; }

    public static ChatUser SlackUser(string id) => new("slack", id);

    public static ChatUser PlaygroundUser(string email) => new("playground", email);

    public Task<Card?> SayAsync(ChatUser user, string text) =>
        Command.TryHandleAsync(new IncomingMessage(text, user, new ConversationAddress(user.Channel, "C0PAYMENTS", "T0CORP")), CancellationToken.None);

    public Task<Card> ClickAsync(ChatUser user, string actionId, IReadOnlyDictionary<string, string> payload, IReadOnlyDictionary<string, string>? inputs = null) =>
        Handler.HandleAsync(
            new CardActionInvoked(actionId, payload, inputs ?? new Dictionary<string, string>(), user, new ConversationAddress(user.Channel, "D0DM", "T0CORP"), "1700000000.000300"),
            CancellationToken.None);

    public async Task<ApprovalRequest> SingleRequestAsync() => Assert.Single(await Store.ListAsync(null, null, CancellationToken.None));

    internal sealed class FakeBudgets : IBudgetStatusService
    {
        public static readonly DateRange December = new(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1));

        public List<BudgetStatus> All { get; } =
        [
            new("payments-monthly", "payments", new Dictionary<Dimension, IReadOnlyList<string>>(), December, CostMetric.EffectiveCost, "USD",
                20000m, 0m, 18000m, new CostForecast("USD", 18000m, 24500m, 22000m, 27000m, new DateOnly(2026, 12, 6)), BudgetState.AtRisk),
            new("payments-q4", "payments", new Dictionary<Dimension, IReadOnlyList<string>>(), new DateRange(new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1)),
                CostMetric.EffectiveCost, "USD", 60000m, 0m, 50000m, null, BudgetState.Ok),
        ];

        public Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BudgetStatus>>([.. All.Where(b => b.Period.Contains(asOf))]);

        /// <summary>The drivers every budget reports (none unless a test sets them).</summary>
        public List<BudgetDriver> Drivers { get; } = [];

        /// <summary>The as-of days the drivers were asked for.</summary>
        public List<DateOnly> DriversAsOf { get; } = [];

        public Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult(All.FirstOrDefault(b => b.BudgetId == budgetId && b.Period.Contains(asOf)));

        public Task<IReadOnlyList<BudgetDriver>> GetDriversAsync(string budgetId, DateOnly asOf, int top, CancellationToken cancellationToken)
        {
            lock (DriversAsOf)
            {
                DriversAsOf.Add(asOf);
            }

            return Task.FromResult<IReadOnlyList<BudgetDriver>>([.. Drivers.Take(top)]);
        }
    }

    internal sealed class RecordingSender(string channel) : IProactiveSender
    {
        private int _next;

        public string Channel => channel;

        public List<(ConversationAddress To, Card Card, string Key, string MessageId)> Sent { get; } = [];

        public List<(SentMessage Message, Card Card)> Updated { get; } = [];

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                var existing = Sent.FirstOrDefault(s => s.Key == idempotencyKey);
                var id = existing.Key is null ? $"{channel}-msg-{++_next}" : existing.MessageId;
                if (existing.Key is null)
                {
                    Sent.Add((conversation, card, idempotencyKey, id));
                }

                return Task.FromResult(new SentMessage(conversation, id));
            }
        }

        public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken)
        {
            lock (Updated)
            {
                Updated.Add((message, card));
            }

            return Task.CompletedTask;
        }
    }
}
