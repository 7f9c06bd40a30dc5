using System.CommandLine;
using System.Globalization;
using FinOps.Demo;

namespace FinOps.Bot.Cli;

/// <summary><c>demo-data [--rows N] [--out file] [--months M] [--seed S] [--end YYYY-MM-DD]</c>: writes deterministic FOCUS 1.2 demo data.</summary>
public static class DemoDataCommand
{
    public static Command Create(TimeProvider timeProvider)
    {
        var rows = new Option<int>("--rows") { Description = "Approximate number of rows (1,000 to 10,000,000; at least about 24,000 for 13 months).", DefaultValueFactory = _ => DemoDataOptions.DefaultTargetRows };
        rows.Validators.Add(r => CommandLineValidation.InRange(r, rows, 1_000, 10_000_000));
        var output = new Option<string>("--out") { Description = "Output file (.csv or .csv.gz).", DefaultValueFactory = _ => "focus-demo.csv" };
        var months = new Option<int>("--months") { Description = "Months of history (1 to 60).", DefaultValueFactory = _ => 13 };
        months.Validators.Add(r => CommandLineValidation.InRange(r, months, 1, 60));
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed and end date give the same bytes.", DefaultValueFactory = _ => 42UL };
        var end = new Option<string?>("--end") { Description = "Exclusive end date (YYYY-MM-DD); default today, so data ends yesterday." };
        end.Validators.Add(r => CommandLineValidation.IsDate(r, end));

        var command = new Command("demo-data", "Write realistic, deterministic FOCUS demo data (Acme Commerce: 9 teams on AWS, Azure, Google Cloud and Oracle).")
        {
            rows, output, months, seed, end,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = DemoDataOptions.EndingToday(timeProvider) with
            {
                TargetRows = parseResult.GetValue(rows),
                Months = parseResult.GetValue(months),
                Seed = parseResult.GetValue(seed),
            };
            if (parseResult.GetValue(end) is { } endText)
            {
                if (!DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var endDate))
                {
                    await Console.Error.WriteLineAsync($"error: --end: '{endText}' is not a date (YYYY-MM-DD).");
                    return 2;
                }

                options = options with { EndDate = endDate };
            }

            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            try
            {
                var result = await new FocusDemoGenerator().WriteFileAsync(path, options, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {result.RowCount:N0} rows ({result.FirstDay:yyyy-MM-dd} to {result.LastDay:yyyy-MM-dd}, {result.ResourceCount:N0} resources) to {path}"));
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
