using YamlDotNet.RepresentationModel;

namespace FinOps.Slack.Tests;

public sealed class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void Manifest_BotScopes_MatchWhatInstallRequests()
    {
        var scopes = Sequence(Path("oauth_config", "scopes", "bot"));

        Assert.Equal(SlackOptions.DefaultScopes.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_Events_TheOnesTheDispatcherHandles()
    {
        var events = Sequence(Path("settings", "event_subscriptions", "bot_events"));

        Assert.Equal(["app_mention", "message.im", "app_uninstalled", "tokens_revoked", "app_home_opened"], events);
        Assert.Equal("true", Scalar(Path("features", "app_home", "home_tab_enabled")));
    }

    [Fact]
    public void Manifest_Urls_PointAtTheMappedEndpoints()
    {
        Assert.EndsWith("/slack/events", Scalar(Path("settings", "event_subscriptions", "request_url")), StringComparison.Ordinal);
        Assert.EndsWith("/slack/interactions", Scalar(Path("settings", "interactivity", "request_url")), StringComparison.Ordinal);
        Assert.Equal("true", Scalar(Path("settings", "interactivity", "is_enabled")));
        Assert.EndsWith("/slack/oauth/callback", Sequence(Path("oauth_config", "redirect_urls"))[0], StringComparison.Ordinal);
        var command = (YamlMappingNode)((YamlSequenceNode)Path("features", "slash_commands"))[0];
        Assert.Equal("/finops", Scalar(command["command"]));
        Assert.EndsWith("/slack/commands", Scalar(command["url"]), StringComparison.Ordinal);
        Assert.Equal("false", Scalar(Path("settings", "socket_mode_enabled")));
        Assert.Equal("FinOps Bot", Scalar(Path("features", "bot_user", "display_name")));
    }

    private static YamlNode Path(params string[] keys)
    {
        YamlNode node = Manifest;
        foreach (var key in keys)
        {
            node = ((YamlMappingNode)node)[key];
        }

        return node;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static List<string> Sequence(YamlNode node) => ((YamlSequenceNode)node).Select(Scalar).ToList();

    private static YamlMappingNode Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "manifests", "slack", "manifest.yaml")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var reader = new StreamReader(System.IO.Path.Combine(directory.FullName, "manifests", "slack", "manifest.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
