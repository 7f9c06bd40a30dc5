using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FinOps.Testing;

/// <summary>Golden JSON files in a <c>Golden</c> folder next to the calling test file. Set UPDATE_GOLDEN=1 to rewrite them from the current output.</summary>
internal static class GoldenFiles
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Directory([CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string name, JsonNode actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Directory(callerFile), name + ".json");
        if (Updating)
        {
            File.WriteAllText(path, actual.ToJsonString(Indented) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{name} differs from {path} (UPDATE_GOLDEN=1 rewrites it after review).\nActual:\n{actual.ToJsonString(Indented)}");
    }
}
