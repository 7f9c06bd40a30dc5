using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Demo;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>Numbers the bot should answer with, worked out without the conversation pipeline.</summary>
public static class Expected
{
    /// <summary>February 2026: "last month" at <see cref="BotFactory.Now"/>.</summary>
    public static readonly DateRange LastMonth = new(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));

    /// <summary>Monday 2026-02-23 to Sunday 2026-03-01: "last week" at <see cref="BotFactory.Now"/>.</summary>
    public static readonly DateRange LastWeek = new(new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2));

    public static string Usd(decimal amount) => MoneyFormatter.EnglishUnitedStates.Format(new Money(amount, "USD"));

    /// <summary>The total of the period straight from the store's query service.</summary>
    public static async Task<decimal> QueryTotalAsync(IServiceProvider services, DateRange period, params (Dimension Dimension, string Value)[] filters)
    {
        using var scope = services.CreateScope();
        var costs = scope.ServiceProvider.GetRequiredService<ICostQueryService>();
        var query = new CostQuery
        {
            Period = period,
            Filters = filters.ToDictionary(f => f.Dimension, f => (IReadOnlyList<string>)[f.Value]),
        };
        var result = await costs.QueryAsync(query, CancellationToken.None);
        var primary = Assert.Single(result.ByCurrency);
        Assert.Equal("USD", primary.Currency);
        return primary.Total;
    }

    /// <summary>Regenerates the demo CSV the host seeded (same clock, same size) and sums its effective cost over the period.</summary>
    public static async Task<decimal> SumGeneratedCsvAsync(BotFactory factory, DateRange period)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var file = Path.Combine(Path.GetTempPath(), $"finops-expected-{Guid.NewGuid():N}.csv");
        try
        {
            var options = DemoDataOptions.EndingToday(factory.Time) with { TargetRows = int.Parse(factory.Settings["Demo:Rows"]!, System.Globalization.CultureInfo.InvariantCulture) };
            await new FocusDemoGenerator().WriteFileAsync(file, options, CancellationToken.None);
            return new FocusFileReader().Read(file, CancellationToken.None)
                .Where(r => period.Contains(r.ChargeDate))
                .Sum(r => r.EffectiveCost);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
