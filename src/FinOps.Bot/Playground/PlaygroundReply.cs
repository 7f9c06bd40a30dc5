using System.Text.Json.Nodes;

namespace FinOps.Bot.Playground;

/// <summary>A bot message as the playground shows it: the HTML rendering plus what Teams and Slack would receive.</summary>
public sealed record PlaygroundReply(
    string MessageId,
    string Kind,
    bool Proactive,
    string Html,
    JsonObject AdaptiveCard,
    JsonObject BlockKit,
    string FallbackText);
