namespace FinOps.Demo;

/// <summary>What a resource id is built from.</summary>
internal readonly record struct DemoResourceIdContext(
    string SubAccountId,
    string RegionId,
    string Zone,
    string ResourceGroup,
    string Name,
    ulong Hash);
