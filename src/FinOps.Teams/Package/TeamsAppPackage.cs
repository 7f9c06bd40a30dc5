using System.IO.Compression;
using System.Text.RegularExpressions;

namespace FinOps.Teams.Package;

/// <summary>
/// Writes the Teams app package (manifest.json, color.png, outline.png at the zip root) with the bot's
/// app id and domain filled into the <c>{{APP_ID}}</c> / <c>{{BOT_DOMAIN}}</c> placeholders of manifests/teams/manifest.json.
/// </summary>
public static partial class TeamsAppPackage
{
    public const string AppIdPlaceholder = "{{APP_ID}}";
    public const string BotDomainPlaceholder = "{{BOT_DOMAIN}}";

    private static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    /// <summary>The manifest with the placeholders replaced.</summary>
    public static string RenderManifest(string appId, string botDomain)
    {
        if (!Guid.TryParse(appId, out var id))
        {
            throw new ArgumentException("The Teams app id must be the bot's Microsoft App ID (a GUID).", nameof(appId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(botDomain);
        var domain = botDomain.Trim();
        if (Uri.TryCreate(domain, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            domain = uri.Authority;
        }

        if (!DomainPattern().IsMatch(domain))
        {
            throw new ArgumentException("The bot domain must be a host name such as finops.example.com.", nameof(botDomain));
        }

        return ReadResourceText("manifest.json")
            .Replace(AppIdPlaceholder, id.ToString("D"), StringComparison.Ordinal)
            .Replace(BotDomainPlaceholder, domain, StringComparison.Ordinal);
    }

    /// <summary>Writes the zip to <paramref name="outputPath"/> (replacing it) and returns the full path.</summary>
    public static string WriteZip(string appId, string outputPath, string botDomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var manifest = RenderManifest(appId, botDomain);
        var fullPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using var file = new FileStream(fullPath, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var name in Files)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var target = entry.Open();
            if (name == "manifest.json")
            {
                using var writer = new StreamWriter(target);
                writer.Write(manifest);
            }
            else
            {
                using var source = OpenResource(name);
                source.CopyTo(target);
            }
        }

        return fullPath;
    }

    private static Stream OpenResource(string name) =>
        typeof(TeamsAppPackage).Assembly.GetManifestResourceStream("FinOps.Teams.Package." + name)
        ?? throw new InvalidOperationException($"The Teams app package resource {name} is missing from the build.");

    private static string ReadResourceText(string name)
    {
        using var reader = new StreamReader(OpenResource(name));
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*(:\d{1,5})?$")]
    private static partial Regex DomainPattern();
}
