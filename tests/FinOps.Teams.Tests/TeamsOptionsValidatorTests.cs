namespace FinOps.Teams.Tests;

public sealed class TeamsOptionsValidatorTests
{
    private static TeamsOptions Options(TeamsAppType type, string? tenant = null, string? password = "secret") => new()
    {
        AppId = "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c",
        AppPassword = password,
        AppType = type,
        TenantId = tenant,
    };

    [Fact]
    public void Validate_SingleTenantWithoutTenantId_Fails()
    {
        var result = new TeamsOptionsValidator().Validate(null, Options(TeamsAppType.SingleTenant));

        Assert.True(result.Failed);
        Assert.Contains("TenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AppIdWithoutCredential_Fails()
    {
        Assert.True(new TeamsOptionsValidator().Validate(null, Options(TeamsAppType.MultiTenant, password: null)).Failed);
    }

    [Fact]
    public void Validate_ManagedIdentityWithTenant_NeedsNoSecret()
    {
        Assert.True(new TeamsOptionsValidator().Validate(null, Options(TeamsAppType.UserAssignedMSI, "t", password: null)).Succeeded);
    }

    [Fact]
    public void Validate_NoAppId_DevelopmentModeValid()
    {
        Assert.True(new TeamsOptionsValidator().Validate(null, new TeamsOptions()).Succeeded);
    }

    [Fact]
    public void Validate_TwoBadSettingsWithPassword_BothReportedWithValuesPasswordNotEchoed()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var options = Options(TeamsAppType.MultiTenant, password: password);
        options.DevelopmentMode = true;
        options.OpenIdMetadataUrl = "not a url";
        options.ClockSkew = TimeSpan.FromMinutes(30);

        var result = new TeamsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains("Teams:OpenIdMetadataUrl must be an absolute URL, not 'not a url'.", failures);
        Assert.Contains("Teams:ClockSkew must be between 0 and 10 minutes, not 00:30:00.", failures);
        Assert.Contains(failures, f => f.StartsWith("Teams:DevelopmentMode cannot be true", StringComparison.Ordinal));
        Assert.DoesNotContain(password, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TeamsAppType.MultiTenant, null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData(TeamsAppType.SingleTenant, "contoso-tenant", "https://login.microsoftonline.com/contoso-tenant")]
    public void ResolveTokenAuthority_ByAppType_MicrosoftDefaults(TeamsAppType type, string? tenant, string expected)
    {
        Assert.Equal(expected, Options(type, tenant).ResolveTokenAuthority());
    }
}
