using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Help, freshness and ask-back answers over the values and coverage of the real demo data.</summary>
public sealed class DemoAnswerTests
{
    private readonly FakeCostQueryService _store = new();

    private async Task<QuestionAnswer> AskAsync(string text)
    {
        var catalog = RealDemoCatalog.Catalog;
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse(text, RealDemoCatalog.AsOf);
        return await new QuestionAnswerer(_store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, RealDemoCatalog.AsOf, CancellationToken.None);
    }

    [Fact]
    public async Task AnswerAsync_FreshnessOverDemoData_SaysImportTimeCoverageAndCurrencies()
    {
        var coverage = RealDemoCatalog.Coverage;
        _store.Coverage = new DataCoverage(
            new DateRange(coverage.FirstDay, coverage.LastDay.AddDays(1)), new DateTimeOffset(2026, 11, 23, 6, 5, 0, TimeSpan.Zero), coverage.Currencies);

        var answer = await AskAsync("@finops is the data up to date?");

        Assert.Equal("freshness", answer.Card.Kind);
        Assert.Equal("Cost data was last imported on Nov 23, 2026 at 06:05 UTC and covers Nov 1, 2025 to Nov 22, 2026 (EUR, USD).", answer.Text);
        Assert.Empty(_store.Queries);
    }

    [Fact]
    public async Task AnswerAsync_UnknownQuestionOverDemoData_HelpButtonsAskWorkingQuestions()
    {
        var answer = await AskAsync("what's the weather like in paris");

        Assert.Equal("help", answer.Card.Kind);
        var actions = Assert.Single(answer.Card.Blocks.OfType<ActionsBlock>()).Actions;
        Assert.Equal(5, actions.Count);
        var parser = new QuestionParser(RealDemoCatalog.Catalog, CostCalendar.Default);
        foreach (var action in actions)
        {
            var parsed = parser.Parse(action.Payload["question"], RealDemoCatalog.AsOf);
            Assert.True(parsed.Understood && parsed.Ambiguities.Count == 0, action.Payload["question"]);
        }

        Assert.Empty(_store.Queries);
    }

    [Fact]
    public async Task AnswerAsync_VmsOverDemoData_AnswersForEveryProvidersVirtualMachines()
    {
        // Issue 13: a generic word resolves by meaning over the company's own data; the bot asks back only when the candidates differ in kind.
        var answer = await AskAsync("how much do our VMs cost");

        Assert.Equal("answer", answer.Card.Kind);
        Assert.Null(answer.Clarify);
        Assert.NotEmpty(_store.Queries);
        var query = _store.Queries[0];
        Assert.Equal(
            ["Amazon Elastic Compute Cloud", "Azure Virtual Machines", "Compute Engine", "OCI Compute"],
            query.Filters[Dimension.Service].Order(StringComparer.Ordinal).ToArray());
    }
}
