using System.CommandLine;
using FinOps.Teams.Package;

namespace FinOps.Bot.Cli;

/// <summary><c>teams-package --app-id &lt;id&gt; --domain &lt;host&gt; [--out file.zip]</c>: writes the Teams app package to upload or sideload.</summary>
public static class TeamsPackageCommand
{
    public static Command Create()
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (Entra application client id).", Required = true };
        var domain = new Option<string>("--domain") { Description = "The bot's public host name, e.g. finops.example.com.", Required = true };
        var output = new Option<string>("--out") { Description = "Zip file to write.", DefaultValueFactory = _ => "finops-bot-teams.zip" };
        var command = new Command("teams-package", "Write the Microsoft Teams app package (manifest.json, color.png, outline.png) with the app id filled in.")
        {
            appId, domain, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var path = TeamsAppPackage.WriteZip(parseResult.GetValue(appId)!, Path.GetFullPath(parseResult.GetValue(output)!), parseResult.GetValue(domain)!);
                Console.WriteLine($"Wrote {path}: upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center.");
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
