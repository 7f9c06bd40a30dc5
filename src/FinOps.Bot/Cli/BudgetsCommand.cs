using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Storage.Data;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>budgets set &lt;team&gt; &lt;amount&gt; [--period month|quarter|year] [--metric EffectiveCost|BilledCost] [--currency USD]</c>,
/// <c>budgets list [--json]</c>, <c>budgets history [&lt;budget id&gt;] [--json]</c> and
/// <c>budgets status [--as-of YYYY-MM-DD] [--json]</c>; every verb takes <c>--db PATH</c>.
/// </summary>
/// <remarks>
/// The <c>status --json</c> layout is a contract other tools script against (see <see cref="BudgetStatusJson"/>). A change made
/// by <c>set</c> is audited as coming from the CLI, by the operating-system user on this machine. Exit codes: 0 done, 1 the
/// work failed (unknown team, invalid budget), 2 usage errors.
/// </remarks>
public static class BudgetsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Command Create()
    {
        var command = new Command("budgets", "Budgets: set one, list them, show the change history and where each stands.");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(List());
        command.Subcommands.Add(History());
        command.Subcommands.Add(Status());
        return command;
    }

    private static Command Set()
    {
        var team = new Argument<string>("team") { Description = "The team (its key in allocation.yaml)." };
        var amount = new Argument<string>("amount") { Description = "The amount per period, e.g. 25000 or 25k." };
        var period = new Option<string>("--period") { Description = "month (default), quarter or year (fiscal, see Calendar:FiscalYearStartMonth).", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong("month", "quarter", "year");
        var metric = new Option<string>("--metric") { Description = "EffectiveCost (default) or BilledCost (invoice budgets).", DefaultValueFactory = _ => "EffectiveCost" };
        metric.AcceptOnlyFromAmong("EffectiveCost", "BilledCost");
        var currency = new Option<string?>("--currency") { Description = "ISO 4217 currency (default Budgets:DefaultCurrency, USD)." };
        var command = new Command("set", "Create or change a team's budget; the change is audited (who, when, before, after, from the CLI).") { team, amount, period, metric, currency };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!BudgetAmount.TryParse(parseResult.GetValue(amount), out var value, out var amountCurrency))
            {
                await error.WriteLineAsync($"error: amount: '{parseResult.GetValue(amount)}' is not a positive amount (e.g. 25000, 25k, $25,000).");
                return ExitCodes.Usage;
            }

            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var services = host.Services;
            var directory = services.GetRequiredService<DirectorySource>().Current;
            var teamKey = parseResult.GetValue(team)!.Trim().ToLowerInvariant();
            if (directory.Teams.Count > 0)
            {
                var found = directory.FindTeam(teamKey);
                if (found is null)
                {
                    await error.WriteLineAsync($"error: unknown team '{teamKey}'; teams in {directory.Source}: {string.Join(", ", directory.Teams.Select(t => t.Key))}.");
                    return ExitCodes.Failure;
                }

                teamKey = found.Key;
            }

            // Both were checked by the parser (AcceptOnlyFromAmong).
            _ = BudgetDefinition.TryParsePeriod(parseResult.GetValue(period), out var budgetPeriod);
            _ = BudgetDefinition.TryParseMetric(parseResult.GetValue(metric), out var budgetMetric);
            var budgetCurrency = parseResult.GetValue(currency) ?? amountCurrency ?? services.GetRequiredService<IOptions<BudgetOptions>>().Value.DefaultCurrency;
            var store = services.GetRequiredService<IBudgetStore>();
            var id = BudgetDefinition.IdFor(teamKey, budgetPeriod);
            var existing = await store.FindAsync(id, cancellationToken);
            var budget = (existing ?? BudgetDefinition.ForTeam(teamKey, value, budgetPeriod, budgetMetric, budgetCurrency)) with
            {
                Amount = value,
                Metric = budgetMetric,
                Currency = budgetCurrency.Trim().ToUpperInvariant(),
            };
            try
            {
                budget.Validate();
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Failure;
            }

            var change = await store.SetAsync(budget, new BudgetChangeOrigin(Environment.UserName, BudgetChangeSource.Cli, Environment.MachineName), cancellationToken);
            await output.WriteLineAsync(change is null
                ? $"unchanged: {Describe(budget)}"
                : change.Before is null ? $"created: {Describe(budget)}" : $"updated: {Describe(budget)} (was {Describe(change.Before)})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "{\"budgets\": [...]} with every field of each budget." };
        var command = new Command("list", "List the budgets: id, scope, amount per period, metric and thresholds.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var budgets = await host.Services.GetRequiredService<BudgetStatusService>().ListAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                var array = new JsonArray([.. budgets.Select(b => JsonNode.Parse(BudgetJson.Serialize(b)))]);
                await output.WriteLineAsync(new JsonObject { ["budgets"] = array }.ToJsonString(Json));
                return ExitCodes.Success;
            }

            if (budgets.Count == 0)
            {
                await output.WriteLineAsync("No budgets. Set one with 'budgets set <team> <amount>', in chat, or in the budgets: section of allocation.yaml.");
            }

            foreach (var budget in budgets)
            {
                await output.WriteLineAsync($"{budget.Id}\t{Describe(budget)}\tthresholds actual {Percentages(budget.ActualThresholds)}, forecast {Percentages(budget.ForecastThresholds)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command History()
    {
        var id = new Argument<string?>("budget") { Arity = ArgumentArity.ZeroOrOne, Description = "Only this budget's changes (e.g. payments-month)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per change." };
        var command = new Command("history", "The audit of budget changes, oldest first: when, who, from where, before and after.") { id, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<BudgetStatusService>().ListAsync(cancellationToken);
            var changes = await host.Services.GetRequiredService<IBudgetStore>().ListChangesAsync(parseResult.GetValue(id), cancellationToken);
            foreach (var c in changes)
            {
                if (parseResult.GetValue(json))
                {
                    var entry = new JsonObject
                    {
                        ["id"] = c.Id,
                        ["budget"] = c.BudgetId,
                        ["action"] = c.Action,
                        ["changedBy"] = c.ChangedBy,
                        ["source"] = c.Source.ToString().ToLowerInvariant(),
                        ["detail"] = c.Detail,
                        ["changedAt"] = c.ChangedAt.ToString("O", CultureInfo.InvariantCulture),
                        ["before"] = c.Before is null ? null : JsonNode.Parse(BudgetJson.Serialize(c.Before)),
                        ["after"] = c.After is null ? null : JsonNode.Parse(BudgetJson.Serialize(c.After)),
                    };
                    await output.WriteLineAsync(entry.ToJsonString(Json));
                    continue;
                }

                var what = c.Action switch
                {
                    "create" => $"created {Describe(c.After!)}",
                    "delete" => $"removed (was {Describe(c.Before!)})",
                    _ => $"{Describe(c.After!)} (was {Describe(c.Before!)})",
                };
                var where = c.Detail is null ? c.Source.ToString().ToLowerInvariant() : $"{c.Source.ToString().ToLowerInvariant()} {c.Detail}";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{c.ChangedAt:yyyy-MM-dd HH:mm}Z {c.BudgetId} by {c.ChangedBy} via {where}: {what}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status()
    {
        var asOf = new Option<string?>("--as-of") { Description = "The date that counts as today (YYYY-MM-DD); its own data is not used." };
        asOf.Validators.Add(r => CommandLineValidation.IsDate(r, asOf));
        var json = new Option<bool>("--json") { Description = "{\"budgets\": [{id, scope, period, metric, currency, limit, actual, forecast, state, approvedIncrease}]}." };
        var command = new Command("status", "Where each budget stands in its current period: actual to date, forecast, state (ok, at-risk, over).") { asOf, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var day = parseResult.GetValue(asOf) is { } text
                ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : CostCalendar.Today(host.Services.GetRequiredService<TimeProvider>());
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var statuses = await host.Services.GetRequiredService<IBudgetStatusService>().GetStatusAsync(day, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await output.WriteLineAsync(BudgetStatusJson.Write(statuses));
                return ExitCodes.Success;
            }

            if (statuses.Count == 0)
            {
                await output.WriteLineAsync("No budgets. Set one with 'budgets set <team> <amount>'.");
            }

            foreach (var s in statuses)
            {
                var forecast = s.Forecast is { } f
                    ? string.Create(CultureInfo.InvariantCulture, $", forecast {f.Value:N2} ({f.Low:N2} to {f.High:N2})")
                    : string.Empty;
                var increase = s.ApprovedIncrease == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" + {s.ApprovedIncrease:N2} approved");
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{s.BudgetId}\t{BudgetStatusJson.StateName(s.State)}\t{s.Period.Start:yyyy-MM-dd} to {s.Period.End.AddDays(-1):yyyy-MM-dd}: actual {s.Actual:N2} of {s.Limit:N2}{increase} {s.Currency}{forecast}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(BudgetDefinition b) => string.Create(
        CultureInfo.InvariantCulture,
        $"{b.Id} {b.Amount:N2} {b.Currency} per {BudgetDefinition.Name(b.Period)} ({b.Metric}, {string.Join("; ", b.Scope.Select(s => $"{s.Key}={string.Join(",", s.Value)}"))})");

    private static string Percentages(IReadOnlyList<decimal> values) =>
        string.Join("/", values.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture) + "%"));
}
