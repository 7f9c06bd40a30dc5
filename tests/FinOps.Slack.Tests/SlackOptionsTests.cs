using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests;

public sealed class SlackOptionsTests
{
    [Fact]
    public async Task AddSlack_ListsInConfiguration_ReplaceDefaults()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var services = SlackServices.Build(slack, new FakeTimeProvider(), s =>
        {
            s["Slack:Scopes:0"] = "chat:write";
            s["Slack:Scopes:1"] = "commands";
            s["Slack:ShareKeywords:0"] = "post";
        });

        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal(["chat:write", "commands"], options.EffectiveScopes);
        Assert.Equal(["post"], options.EffectiveShareKeywords);
        Assert.Equal(slack.ApiUrl, options.ApiBaseUrl);
    }

    [Fact]
    public void SlackOptions_Defaults_SlackApiAndShareKeyword()
    {
        var options = new SlackOptions();

        Assert.Equal(new Uri("https://slack.com/api/"), options.ApiBaseUrl);
        Assert.Equal(SlackOptions.DefaultScopes, options.EffectiveScopes);
        Assert.Equal(["share"], options.EffectiveShareKeywords);
        Assert.False(options.HttpEnabled);
        Assert.False(options.SocketModeEnabled);
        Assert.False(options.OAuthEnabled);
    }

    [Fact]
    public void Validate_ApiBaseUrlWithoutTrailingSlash_Fails()
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { ApiBaseUrl = new Uri("https://slack.example.com/api") });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_OAuthWithoutSigningSecret_Fails()
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { ClientId = "1", ClientSecret = "2" });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_TwoBadSettingsAndAMissingClientId_AllReportedWithValuesButNoSecret()
    {
        var secret = "clientsecret-" + Guid.NewGuid().ToString("N");
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions
        {
            SigningSecret = "signing-" + Guid.NewGuid().ToString("N"),
            ClientSecret = secret,
            WorkerCount = -3,
            ProcessingLease = TimeSpan.FromSeconds(-5),
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains("Slack:WorkerCount must be positive, not -3.", failures);
        Assert.Contains("Slack:ProcessingLease must be a positive time span, not -00:00:05.", failures);
        Assert.Contains(failures, f => f.StartsWith("Slack:ClientId and Slack:ClientSecret must be set together", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
    }
}
