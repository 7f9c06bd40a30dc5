namespace FinOps.Bot.Playground;

/// <summary>A question typed in the playground.</summary>
public sealed record PlaygroundMessageRequest(string? User, string? Text);

/// <summary>A button clicked in the playground.</summary>
public sealed record PlaygroundActionRequest(
    string? User,
    string? MessageId,
    string? ActionId,
    Dictionary<string, string>? Payload,
    Dictionary<string, string>? Inputs);
