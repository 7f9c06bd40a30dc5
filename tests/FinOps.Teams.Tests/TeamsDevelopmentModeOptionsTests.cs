using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Tests;

public sealed class TeamsDevelopmentModeOptionsTests
{
    private static TeamsDevelopmentMode Mode(string environment, bool? developmentMode, string? appId = null) =>
        new(Options.Create(new TeamsOptions { AppId = appId, DevelopmentMode = developmentMode }),
            new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("Development", null, true, "Development environment")]
    [InlineData("Production", null, false, "Production environment")]
    [InlineData("Production", true, true, "Teams:DevelopmentMode")]
    [InlineData("Development", false, false, "Teams:DevelopmentMode is false")]
    public void Constructor_EnvironmentAndSetting_OnOnlyWhenAskedFor(string environment, bool? setting, bool on, string reason)
    {
        var mode = Mode(environment, setting);

        Assert.Equal(on, mode.IsOn);
        Assert.Equal(reason, mode.Reason);
    }

    [Fact]
    public void Constructor_AppIdSetInDevelopment_Off()
    {
        Assert.False(Mode(Environments.Development, null, appId: "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c").IsOn);
    }

    [Theory]
    [InlineData("http://localhost:56150", true)]
    [InlineData("http://localhost:56150/_connector/", true)]
    [InlineData("HTTP://LOCALHOST:56150/", true)]
    [InlineData("http://localhost:56151", false)]
    [InlineData("https://localhost:56150", false)]
    [InlineData("http://127.0.0.1:56150", false)]
    [InlineData("http://localhost:56150@evil.example.com/", false)]
    [InlineData("https://smba.trafficmanager.net/teams/", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void AllowsServiceUrl_DefaultEmulator_OnlySchemeHostAndPortMatch(string? serviceUrl, bool allowed)
    {
        Assert.Equal(allowed, Mode(Environments.Development, null).AllowsServiceUrl(serviceUrl));
    }

    [Fact]
    public void AllowsServiceUrl_DevelopmentModeOff_False()
    {
        Assert.False(Mode(Environments.Production, null).AllowsServiceUrl(TeamsOptions.DefaultDevelopmentServiceUrl));
    }

    [Theory]
    [InlineData("https://emulator.example.com:56150")]
    [InlineData("ftp://localhost:56150")]
    [InlineData("localhost:56150")]
    public void Validate_DevelopmentServiceUrlNotLocalHttp_Fails(string url)
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { DevelopmentServiceUrl = url });

        Assert.True(result.Failed);
        Assert.Contains("Teams:DevelopmentServiceUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DevelopmentModeTrueWithAppId_Fails()
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { AppId = "app", AppPassword = "secret", DevelopmentMode = true });

        Assert.True(result.Failed);
        Assert.Contains("Teams:DevelopmentMode", result.FailureMessage, StringComparison.Ordinal);
    }
}
