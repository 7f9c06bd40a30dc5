using System.Text.Json;
using FinOps.Slack.Installation;
using FinOps.Storage.Channels;
using Microsoft.AspNetCore.DataProtection;

namespace FinOps.Bot.Channels;

/// <summary>Slack workspace installations in the database; bot tokens are encrypted at rest with ASP.NET Core Data Protection.</summary>
public sealed class DbSlackInstallationStore(ChannelRecordStore records, IDataProtectionProvider dataProtection) : ISlackInstallationStore
{
    private const string Kind = "slack.installation";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("FinOps.Bot.SlackInstallation.BotToken.v1");

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken)
    {
        if (await records.GetAsync(Kind, teamId, cancellationToken) is not { } json)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<SlackInstallation>(json, Json)!;
        return stored with { BotToken = _tokens.Unprotect(stored.BotToken) };
    }

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var stored = installation with { BotToken = _tokens.Protect(installation.BotToken) };
        return records.UpsertAsync(Kind, installation.TeamId, JsonSerializer.Serialize(stored, Json), cancellationToken);
    }

    public Task<bool> DeleteAsync(string teamId, CancellationToken cancellationToken) =>
        records.DeleteAsync(Kind, teamId, cancellationToken);
}
