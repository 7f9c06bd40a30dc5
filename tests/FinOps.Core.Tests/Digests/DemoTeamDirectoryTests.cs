using FinOps.Core.Digests;

namespace FinOps.Core.Tests.Digests;

public sealed class DemoTeamDirectoryTests
{
    [Fact]
    public async Task GetTeamsAsync_Demo_OwnersMatchByIdEmailOrObjectId()
    {
        var teams = await new DemoTeamDirectory().GetTeamsAsync(CancellationToken.None);

        var payments = Assert.Single(teams, t => t.Key == "payments");
        Assert.Equal("C05PAYMENTS", payments.Channels.SlackChannelId);
        var priya = payments.Owners[0];
        Assert.True(payments.IsOwnedBy(priya.UserId, null, null));
        Assert.True(payments.IsOwnedBy(null, priya.Email.ToUpperInvariant(), null));
        Assert.True(payments.IsOwnedBy(null, null, priya.AadObjectId));
        Assert.False(payments.IsOwnedBy("U0SOMEONE", "someone@example.com", null));
        Assert.False(teams.Single(t => t.Key == "search").IsOwnedBy(priya.UserId, priya.Email, priya.AadObjectId));
    }
}
