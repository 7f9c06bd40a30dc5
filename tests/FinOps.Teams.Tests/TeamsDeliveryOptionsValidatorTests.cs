using FinOps.Teams.Delivery;

namespace FinOps.Teams.Tests;

public sealed class TeamsDeliveryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new TeamsDeliveryOptionsValidator().Validate(null, new TeamsDeliveryOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ZeroLeaseNoAttemptsMaxBelowBase_EachSettingNamed()
    {
        var options = new TeamsDeliveryOptions
        {
            ProcessingLease = TimeSpan.Zero,
            MaxAttempts = 0,
            RetryBaseDelay = TimeSpan.FromMinutes(5),
            MaxRetryDelay = TimeSpan.FromMinutes(1),
        };

        var result = new TeamsDeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Teams:Delivery:ProcessingLease", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Teams:Delivery:MaxAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Teams:Delivery:MaxRetryDelay", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SendTimeout", result.FailureMessage, StringComparison.Ordinal);
    }
}
