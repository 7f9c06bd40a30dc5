using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FinOps.Core.Anomalies;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>anomalies feedback [--json] [--db PATH]</c>: the anomaly alerts' own precision from the feedback buttons, overall and
/// per team (<see cref="AnomalyPrecision"/>), with the counts it is made of.
/// </summary>
/// <remarks>
/// JSON: <c>{"definition": str, "overall": {...}, "teams": [{"team": str, ...}]}</c> where each figure set is
/// <c>{"precision": number|null, "judged", "real", "expected", "investigating", "falseAlarms", "muted"}</c>. Exit code 0.
/// </remarks>
public static class AnomalyFeedbackCommand
{
    public const string Definition =
        "precision = real / (real + falseAlarms) over the anomaly alerts with feedback; each alert counts once with its latest verdict: "
        + "Expected and Investigating are real detections, Not an issue is a false alarm; a mute is no verdict (counted in muted).";

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("feedback", "The anomaly alerts' precision from the feedback buttons (Expected, Investigating, Not an issue), overall and per team.")
        {
            json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var feedback = await host.Services.GetRequiredService<IAnomalyFeedbackStore>().ListAsync(null, cancellationToken);
            var teams = feedback.Select(f => f.Team).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
                .Select(t => (Team: t, Figures: AnomalyPrecision.From(feedback, t))).ToList();
            var overall = AnomalyPrecision.From(feedback);
            if (parseResult.GetValue(json))
            {
                WriteJson(Console.Out, overall, teams);
            }
            else
            {
                WriteText(Console.Out, overall, teams);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static void WriteJson(TextWriter output, AnomalyPrecision overall, IReadOnlyList<(string Team, AnomalyPrecision Figures)> teams)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(overall);
        ArgumentNullException.ThrowIfNull(teams);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("definition", Definition);
            w.WriteStartObject("overall");
            WriteFigures(w, overall);
            w.WriteEndObject();
            w.WriteStartArray("teams");
            foreach (var (team, figures) in teams)
            {
                w.WriteStartObject();
                w.WriteString("team", team);
                WriteFigures(w, figures);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteFigures(Utf8JsonWriter w, AnomalyPrecision p)
    {
        if (p.Precision is { } precision)
        {
            w.WriteNumber("precision", precision);
        }
        else
        {
            w.WriteNull("precision");
        }

        w.WriteNumber("judged", p.Judged);
        w.WriteNumber("real", p.Real);
        w.WriteNumber("expected", p.Expected);
        w.WriteNumber("investigating", p.Investigating);
        w.WriteNumber("falseAlarms", p.FalseAlarms);
        w.WriteNumber("muted", p.Muted);
    }

    private static void WriteText(TextWriter output, AnomalyPrecision overall, IReadOnlyList<(string Team, AnomalyPrecision Figures)> teams)
    {
        output.WriteLine(Line("all teams", overall));
        foreach (var (team, figures) in teams)
        {
            output.WriteLine(Line(team, figures));
        }

        output.WriteLine(Definition);
    }

    private static string Line(string label, AnomalyPrecision p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-20} precision {(p.Precision is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a"),-7} real {p.Real} (expected {p.Expected}, investigating {p.Investigating}), false alarms {p.FalseAlarms}, muted {p.Muted}");
}
