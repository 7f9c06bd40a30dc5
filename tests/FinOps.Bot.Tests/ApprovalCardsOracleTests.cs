using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;
using FinOps.Slack.BlockKit;
using FinOps.Teams.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>Every approval card (request with buttons, decided, refused, form, list, notice) through the host's renderers and both card oracles.</summary>
public sealed class ApprovalCardsOracleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("finops-approval-cards-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EveryApprovalCard_PassesTheAdaptiveCardAndBlockKitOracles()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        _ = factory.Services;
        var adaptiveRenderer = factory.Services.GetRequiredService<IAdaptiveCardRenderer>();
        var blockKitRenderer = factory.Services.GetRequiredService<IBlockKitRenderer>();
        var period = new DateRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1));
        var budget = new BudgetStatus(
            "payments-monthly", "payments", new Dictionary<Dimension, IReadOnlyList<string>>(), period, CostMetric.EffectiveCost, "USD",
            20000m, 0m, 18000m, new CostForecast("USD", 18000m, 24500m, 22000m, 27000m, new DateOnly(2026, 3, 3)), BudgetState.AtRisk);
        var at = BotFactory.Now;
        var pending = new ApprovalRequest(
            "apr-1", "payments-monthly", "payments", period, 2000m, "USD", "launch traffic, \"big\" one", new ApprovalParty("marcus", "Marcus Webb", "teams"),
            ApprovalStatus.Pending, null, 0, 0, at, at, null, null, null, null, 1);
        var approved = pending with { Status = ApprovalStatus.Approved, ApprovedAmount = 1500m, DecidedBy = "Priya Raman", DecidedAt = at, Version = 2 };
        BudgetDriver[] drivers =
        [
            new(Dimension.Service, "Amazon EC2", 9000m, 6000m),
            new(Dimension.Service, "Amazon RDS \"prod\" <db>", 4000m, 4500m),
            new(Dimension.Account, "payments-prod", 12000m, 0m),
        ];
        Card[] cards =
        [
            ApprovalCards.Request(pending, budget, decidable: true),
            ApprovalCards.Request(pending with { Step = 1 }, budget, decidable: true, notice: "Approved by the team owner; it needs your approval too."),
            ApprovalCards.Request(approved, budget, decidable: true, notice: ApprovalService.Outcome(approved)),
            ApprovalCards.Request(pending, null, decidable: false, "You can't approve this.", isPrivate: true),
            ApprovalCards.Form(budget),
            ApprovalCards.List("payments", period, [pending, approved]),
            ApprovalCards.List("payments", period, []),
            ApprovalCards.Notice("Requested +2,000.00 USD for payments."),
            ApprovalCards.Shared(pending, budget, [new ChatUser("teams", "29:1priya"), new ChatUser("slack", "U0PRIYA")]),
            ApprovalCards.ViewFor(pending, budget, new ChatUser("teams", "29:1priya"), decider: true),
            ApprovalCards.Shared(pending, budget, []),
            ApprovalCards.Request(pending, budget, decidable: true, drivers: drivers),
            ApprovalCards.Shared(pending, budget, [new ChatUser("teams", "29:1priya")], drivers: drivers),
            ApprovalCards.Request(approved, budget, decidable: true, notice: ApprovalService.Outcome(approved), drivers: drivers),
        ];

        var adaptive = Directory.CreateDirectory(Path.Combine(_directory, "adaptive")).FullName;
        var slack = Directory.CreateDirectory(Path.Combine(_directory, "slack")).FullName;
        for (var i = 0; i < cards.Length; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(adaptive, $"{i:00}.json"), adaptiveRenderer.Render(cards[i]).ToJsonString());
            var content = blockKitRenderer.Render(cards[i]);
            await File.WriteAllTextAsync(Path.Combine(slack, $"{i:00}.json"), new JsonObject { ["text"] = content.Text, ["blocks"] = content.Blocks.DeepClone() }.ToJsonString());
        }

        var form = SlackFormView.Create(cards[4], blockKitRenderer.Render(cards[4]), "C0CHAN", "1.2")!;
        await File.WriteAllTextAsync(Path.Combine(slack, "modal.json"), new JsonObject { ["text"] = "modal", ["blocks"] = form["blocks"]!.DeepClone() }.ToJsonString());

        var (adaptiveCode, adaptiveOutput) = CardOracle.Check("adaptive", adaptive);
        Assert.True(adaptiveCode == 0, "Adaptive Card oracle rejected an approval card:\n" + adaptiveOutput);
        var (slackCode, slackOutput) = CardOracle.Check("slack", slack);
        Assert.True(slackCode == 0, "Block Kit oracle rejected an approval message:\n" + slackOutput);
    }
}
