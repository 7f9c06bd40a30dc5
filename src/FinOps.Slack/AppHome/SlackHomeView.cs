using System.Globalization;
using System.Text.Json.Nodes;
using FinOps.Slack.BlockKit;

namespace FinOps.Slack.AppHome;

/// <summary>Block Kit for the App Home tab (a <c>home</c> view for <c>views.publish</c>) and the welcome message.</summary>
public static class SlackHomeView
{
    private const int MaxApprovalLines = 10;

    /// <summary>The <c>home</c> view: the person's teams with month-to-date spend, forecast and budget state, and examples.</summary>
    public static JsonObject Home(SlackHomeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var blocks = new JsonArray { Header("FinOps Bot") };
        if (!summary.Known)
        {
            blocks.Add(Section(
                "I don't know who you are yet, so I can't show your teams. Ask your FinOps admin to add your Slack user id "
                + "or e-mail to a team in `" + SlackMrkdwn.Escape(summary.DirectorySource) + "` (owners, members or approvers). "
                + "You can still ask me about costs in a direct message."));
        }
        else if (summary.Teams.Count == 0)
        {
            blocks.Add(Section($"Hi {SlackMrkdwn.Escape(summary.PersonName ?? "there")}, you are not on any team in `{SlackMrkdwn.Escape(summary.DirectorySource)}` yet."));
        }
        else
        {
            blocks.Add(Section($"Hi {SlackMrkdwn.Escape(summary.PersonName ?? "there")}, here is this month so far for your teams."));
            foreach (var team in summary.Teams.Take((SlackLimits.MaxBlocks - 7) / 3))
            {
                blocks.Add(new JsonObject { ["type"] = "divider" });
                blocks.Add(Section("*" + SlackMrkdwn.Escape(team.DisplayName) + "*"));
                blocks.Add(new JsonObject
                {
                    ["type"] = "section",
                    ["fields"] = new JsonArray
                    {
                        Mrkdwn("*Month to date*\n" + Money(team.MonthToDate, team.Currency)),
                        Mrkdwn("*Forecast (month end)*\n" + Money(team.Forecast, team.Currency)),
                        Mrkdwn("*Budget*\n" + SlackMrkdwn.Escape(team.Budget ?? "no budget set")),
                        Mrkdwn("*Channels*\n" + (team.SlackChannels.Count == 0 ? "none" : string.Join(", ", team.SlackChannels.Select(c => "<#" + c + ">")))),
                    },
                });
            }
        }

        if (summary.ApprovalsWaiting is { Count: > 0 } waiting)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
            blocks.Add(Section("*Approvals waiting for you*\n" + string.Join("\n", waiting.Take(MaxApprovalLines).Select(w => "• " + SlackMrkdwn.Escape(w)))
                + (waiting.Count > MaxApprovalLines ? $"\n…and {waiting.Count - MaxApprovalLines} more." : string.Empty)));
        }

        blocks.Add(new JsonObject { ["type"] = "divider" });
        blocks.Add(Section("*Try asking me*\n" + string.Join("\n", summary.Examples.Select(e => "• " + SlackMrkdwn.Escape(e)))));
        return new JsonObject { ["type"] = "home", ["blocks"] = blocks };
    }

    /// <summary>The one-time welcome: what the bot can do, with example questions that work on this company's data.</summary>
    public static SlackMessageContent Welcome(SlackHomeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        const string intro = "Hi! I'm FinOps Bot. I answer questions about your cloud costs from the company's FOCUS cost data: "
            + "spend by team, service or provider, trends, what changed, forecasts. Ask me here in a direct message, mention me in a channel, or use /finops.";
        var blocks = new JsonArray
        {
            Section(intro),
            Section("*Try one of these*\n" + string.Join("\n", summary.Examples.Select(e => "• " + SlackMrkdwn.Escape(e)))),
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn("Open my Home tab to see your teams' spend this month.") } },
        };
        return new SlackMessageContent(intro, blocks);
    }

    private static string Money(decimal? amount, string? currency) =>
        amount is { } value ? value.ToString("N2", CultureInfo.InvariantCulture) + (currency is null ? string.Empty : " " + currency) : "not available";

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text } };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
