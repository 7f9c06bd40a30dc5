namespace FinOps.Teams.Activities;

/// <summary>A user or bot in a conversation.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public const string BotRole = "bot";
    public const string UserRole = "user";

    /// <summary><c>bot</c> or <c>user</c>; set on accounts the bot sends.</summary>
    public string? Role { get; set; }

    public static ChannelAccount Bot(string id, string? name = null) => new() { Id = id, Name = name, Role = BotRole };

    public static ChannelAccount User(string id) => new() { Id = id, Role = UserRole };
}
