using FinOps.Conversation.Answers;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>A damaged billing slice in the store fails only the questions that touch it, with the store's message, never an exception.</summary>
public sealed class DamagedSliceAnswerTests
{
    private const string Damaged = "The cost data for October 2026 (AWS) cannot be read: re-import that month's export.";
    private static readonly DateOnly Today = DemoCatalog.AsOf;

    [Fact]
    public async Task AskAsync_PeriodTouchesDamagedSlice_AnswersWithTheStoresMessage()
    {
        var service = Service(damagedMonth: new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1));

        var answer = await service.AskAsync("how much did payments spend last month", Today, CancellationToken.None);

        Assert.Equal(Damaged, answer.Text);
        Assert.Null(answer.Total);
        Assert.Equal("answer", answer.Card.Kind);
    }

    [Fact]
    public async Task AskAsync_PeriodOutsideDamagedSlice_IsAnswered()
    {
        var service = Service(damagedMonth: new DateOnly(Today.Year, Today.Month, 1).AddMonths(-3));

        var answer = await service.AskAsync("how much did payments spend last week", Today, CancellationToken.None);

        Assert.NotEqual(Damaged, answer.Text);
        Assert.NotNull(answer.Total);
    }

    private static QuestionService Service(DateOnly damagedMonth)
    {
        var facts = new FakeCostQueryService()
            .Add(Today.AddDays(-3), 10m, "payments")
            .Add(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1).AddDays(4), 20m, "payments");
        var store = new DamagedSliceQueryService(facts, damagedMonth);
        return new QuestionService(
            new ValueCatalogProvider(store, CostCalendar.Default, new FakeTimeProvider(), Options.Create(new ConversationOptions())),
            new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance),
            NullLogger<QuestionService>.Instance);
    }

    /// <summary>Throws as the SQLite store does for a query whose period or comparison period overlaps the damaged month.</summary>
    private sealed class DamagedSliceQueryService(ICostQueryService inner, DateOnly month) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
        {
            var end = month.AddMonths(1);
            bool Touches(DateRange? period) => period is { } p && p.Start < end && p.End > month;
            if (Touches(query.Period) || Touches(query.ComparePeriod))
            {
                throw new CostDataUnavailableException(Damaged);
            }

            return inner.QueryAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            inner.GetDimensionValuesAsync(dimension, cancellationToken);

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => inner.GetCoverageAsync(cancellationToken);
    }
}
