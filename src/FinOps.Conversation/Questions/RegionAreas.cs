namespace FinOps.Conversation.Questions;

/// <summary>Places people name instead of region ids ("Virginia", "Europe"), with the region ids of each provider located there.</summary>
/// <remarks>
/// A place names every matching region the store has at once (a filter on all of them, not a question back):
/// "spend in Virginia" is AWS us-east-1, Azure eastus/eastus2, Google us-east4 and Oracle us-ashburn-1 together.
/// Areas ("Europe", "Asia") match region ids by prefix or word as well, so new regions join without a list change.
/// </remarks>
internal static class RegionAreas
{
    private static readonly string[] EuropeMarkers = ["eu-", "europe", "westeurope", "northeurope", "germany", "france", "uk-", "uksouth", "ukwest", "switzerland", "norway", "sweden", "italy", "spain", "poland", "netherlands"];

    private static readonly string[] AsiaMarkers = ["ap-", "asia", "japan", "korea", "india", "australia", "southeastasia", "eastasia", "singapore"];

    public static readonly IReadOnlyList<(string Phrase, Func<string, bool> Contains)> All =
    [
        ("virginia", Ids("us-east-1", "eastus", "eastus2", "us-east4", "us-ashburn-1")),
        ("northern virginia", Ids("us-east-1", "eastus", "eastus2", "us-east4", "us-ashburn-1")),
        ("ashburn", Ids("us-east-1", "eastus", "eastus2", "us-east4", "us-ashburn-1")),
        ("ohio", Ids("us-east-2")),
        ("oregon", Ids("us-west-2", "us-west1")),
        ("iowa", Ids("us-central1", "centralus")),
        ("south carolina", Ids("us-east1")),
        ("ireland", Ids("eu-west-1", "northeurope")),
        ("netherlands", Ids("westeurope", "europe-west4", "eu-amsterdam-1")),
        ("frankfurt", Ids("eu-central-1", "germanywestcentral", "europe-west3", "eu-frankfurt-1")),
        ("germany", Ids("eu-central-1", "germanywestcentral", "europe-west3", "eu-frankfurt-1")),
        ("london", Ids("eu-west-2", "uksouth", "europe-west2", "uk-london-1")),
        ("europe", Marked(EuropeMarkers)),
        ("european", Marked(EuropeMarkers)),
        ("eu", Marked(EuropeMarkers)),
        ("emea", Marked(EuropeMarkers)),
        ("asia", Marked(AsiaMarkers)),
        ("apac", Marked(AsiaMarkers)),
    ];

    private static Func<string, bool> Ids(params string[] ids) =>
        region => ids.Contains(region, StringComparer.OrdinalIgnoreCase);

    private static Func<string, bool> Marked(string[] markers) =>
        region => markers.Any(m => region.StartsWith(m, StringComparison.OrdinalIgnoreCase) || (m.Length > 4 && region.Contains(m, StringComparison.OrdinalIgnoreCase)));
}
