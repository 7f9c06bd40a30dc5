using FinOps.Slack.Installation;

namespace FinOps.Slack.Tests.Installation;

public sealed class SlackOAuthStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsValid_FreshState_True()
    {
        var state = SlackOAuthState.Create("key", Now.AddMinutes(10));
        Assert.True(SlackOAuthState.IsValid("key", state, Now));
    }

    [Fact]
    public void IsValid_ExpiredState_False()
    {
        var state = SlackOAuthState.Create("key", Now.AddMinutes(10));
        Assert.False(SlackOAuthState.IsValid("key", state, Now.AddMinutes(10)));
    }

    [Fact]
    public void IsValid_OtherKey_False()
    {
        var state = SlackOAuthState.Create("key", Now.AddMinutes(10));
        Assert.False(SlackOAuthState.IsValid("other", state, Now));
    }

    [Fact]
    public void IsValid_ExpiryExtendedByAttacker_False()
    {
        var state = SlackOAuthState.Create("key", Now.AddMinutes(10));
        var forged = Now.AddYears(1).ToUnixTimeSeconds() + state[state.IndexOf('.', StringComparison.Ordinal)..];
        Assert.False(SlackOAuthState.IsValid("key", forged, Now.AddMinutes(20)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2")]
    [InlineData("1.2.%%%")]
    public void IsValid_Garbage_False(string? state)
    {
        Assert.False(SlackOAuthState.IsValid("key", state, Now));
    }

    [Fact]
    public void Create_TwoStates_Differ()
    {
        Assert.NotEqual(SlackOAuthState.Create("key", Now), SlackOAuthState.Create("key", Now));
    }
}
