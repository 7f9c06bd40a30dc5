using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

public sealed partial class QuestionAnswerer
{
    /// <summary>"Forecast: Payments is likely to come to about $3,000.00 this month (...), likely $2,800.00-$3,200.00."</summary>
    /// <remarks>
    /// The forecast is the <see cref="ICostForecaster"/>'s (weekday rhythm, trend, month-start charges on their days),
    /// made as of the day after the last complete day, so a day the export has not delivered is forecast, not counted as zero.
    /// </remarks>
    private async Task<QuestionAnswer> ForecastAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var horizon = c.Query.Period;
        var asOf = c.Today;
        if (c.DataThrough is { } through && through.Day.AddDays(1) < asOf)
        {
            asOf = through.Day.AddDays(1);
        }

        var dataEnd = asOf > horizon.End ? horizon.End : asOf;
        var blocks = new List<CardBlock>();
        if (dataEnd <= horizon.Start)
        {
            var early = $"It is too early to forecast {c.Question.PeriodLabel.Phrase} ({c.Span(horizon)}): there is no complete day of data in it yet.";
            blocks.Add(new TextBlock(early));
            blocks.Add(ContextLine(c, null));
            return new QuestionAnswer(c.Question, c.FallbackCurrency, null, null, [], early, new Card("answer", early, blocks));
        }

        var elapsed = new DateRange(horizon.Start, dataEnd);
        var scope = c.Query with { ComparePeriod = null, Granularity = null, Top = null, GroupBy = [] };
        var forecasts = await _forecaster.ForecastAsync(new ForecastRequest(scope, horizon, asOf), cancellationToken);
        var primary = forecasts.Count > 0 ? forecasts[0] : null;
        var currency = primary?.Currency ?? c.FallbackCurrency ?? "USD";
        var actual = primary?.Actual ?? 0m;
        var complete = elapsed.Days == horizon.Days;
        var (subject, _) = Subject(c.Query);
        var who = subject ?? "Total spend";
        var lastDay = AnswerFormat.Day(dataEnd.AddDays(-1), c.Today.Year);
        var days = elapsed.Days.ToString(CultureInfo.InvariantCulture);
        string sentence;
        if (complete)
        {
            sentence = $"{who} came to {AnswerFormat.Money(actual, currency)} {c.Question.PeriodLabel.Phrase} ({c.Span(horizon)}, {c.Metric}); the period is complete, so no forecast is needed.";
            blocks.Add(new TextBlock(sentence));
        }
        else
        {
            var value = primary?.Value ?? 0m;
            var range = primary is null ? string.Empty : $", likely {AnswerFormat.Money(primary.Low, currency)}-{AnswerFormat.Money(primary.High, currency)}";
            sentence = $"Forecast: {who} is on pace for about {AnswerFormat.Money(value, currency)} {c.Question.PeriodLabel.Phrase} ({c.Span(horizon)}, {c.Metric}){range}, from {AnswerFormat.Money(actual, currency)} over the {days} days through {lastDay}.";
            blocks.Add(new TextBlock(sentence));
            blocks.Add(new FactsBlock(
            [
                new Fact("Spent so far", $"{AnswerFormat.Money(actual, currency)} ({c.Span(elapsed)})"),
                new Fact("Forecast", AnswerFormat.Money(value, currency)),
                new Fact("Likely range (80%)", primary is null ? "-" : $"{AnswerFormat.Money(primary.Low, currency)} - {AnswerFormat.Money(primary.High, currency)}"),
                new Fact("Days", $"{days} of {horizon.Days.ToString(CultureInfo.InvariantCulture)}"),
            ]));
        }

        var others = forecasts.Skip(1).Where(f => (complete ? f.Actual : f.Value) != 0)
            .Select(f => complete ? AnswerFormat.Money(f.Actual, f.Currency) : $"{AnswerFormat.Money(f.Value, f.Currency)} (likely {AnswerFormat.Money(f.Low, f.Currency)}-{AnswerFormat.Money(f.High, f.Currency)})")
            .ToList();
        var text = sentence;
        if (others.Count > 0)
        {
            var note = $"Also {AnswerFormat.JoinAnd(others)} from accounts billed in other currencies (never added together).";
            blocks.Add(new TextBlock(note));
            text += " " + note;
        }

        blocks.Add(new ContextBlock(
            "Forecast = spend so far plus each remaining day from the recent daily level, weekday rhythm and trend, with month-start charges (purchases, fees, taxes) on their days; "
            + "the range holds the outcome about 80% of the time. An estimate, not a commitment. " + ContextText(c, null)));
        var total = complete ? actual : primary?.Value ?? 0m;
        return new QuestionAnswer(c.Question, currency, total, null, [], text, new Card("answer", text, blocks));
    }
}
