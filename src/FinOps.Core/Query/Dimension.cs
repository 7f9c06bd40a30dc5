using System.Diagnostics.CodeAnalysis;

namespace FinOps.Core.Query;

/// <summary>A query dimension, written in text as <c>provider</c>, <c>service</c>, ... or <c>tag:&lt;key&gt;</c>.</summary>
public sealed record Dimension
{
    private static readonly Dictionary<string, DimensionKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["provider"] = DimensionKind.Provider,
        ["service"] = DimensionKind.Service,
        ["category"] = DimensionKind.Category,
        ["region"] = DimensionKind.Region,
        ["account"] = DimensionKind.Account,
        ["billingAccount"] = DimensionKind.BillingAccount,
        ["resource"] = DimensionKind.Resource,
        ["team"] = DimensionKind.Team,
        ["environment"] = DimensionKind.Environment,
        ["chargeCategory"] = DimensionKind.ChargeCategory,
        ["pricingCategory"] = DimensionKind.PricingCategory,
    };

    public static readonly Dimension Provider = new(DimensionKind.Provider);
    public static readonly Dimension Service = new(DimensionKind.Service);
    public static readonly Dimension Category = new(DimensionKind.Category);
    public static readonly Dimension Region = new(DimensionKind.Region);
    public static readonly Dimension Account = new(DimensionKind.Account);
    public static readonly Dimension BillingAccount = new(DimensionKind.BillingAccount);
    public static readonly Dimension Resource = new(DimensionKind.Resource);
    public static readonly Dimension Team = new(DimensionKind.Team);
    public static readonly Dimension Environment = new(DimensionKind.Environment);
    public static readonly Dimension ChargeCategory = new(DimensionKind.ChargeCategory);
    public static readonly Dimension PricingCategory = new(DimensionKind.PricingCategory);

    private Dimension(DimensionKind kind, string? tagKey = null)
    {
        Kind = kind;
        TagKey = tagKey;
    }

    public DimensionKind Kind { get; }

    /// <summary>The tag key (trimmed, compared case-insensitively) when <see cref="Kind"/> is <see cref="DimensionKind.Tag"/>.</summary>
    public string? TagKey { get; }

    /// <summary>The canonical names of the fixed dimensions, in the order of <see cref="DimensionKind"/>.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static Dimension Tag(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new Dimension(DimensionKind.Tag, key.Trim().ToLowerInvariant());
    }

    public static Dimension Of(DimensionKind kind) => kind == DimensionKind.Tag
        ? throw new ArgumentException("A tag dimension needs a key: use Dimension.Tag(key).", nameof(kind))
        : new Dimension(kind);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Dimension? dimension)
    {
        dimension = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("tag:", StringComparison.OrdinalIgnoreCase))
        {
            var key = trimmed[4..].Trim();
            if (key.Length == 0)
            {
                return false;
            }

            dimension = Tag(key);
            return true;
        }

        if (ByName.TryGetValue(trimmed, out var kind))
        {
            dimension = new Dimension(kind);
            return true;
        }

        return false;
    }

    public static Dimension Parse(string text) => TryParse(text, out var d)
        ? d
        : throw new FormatException($"Unknown dimension '{text}'. Use one of {string.Join(", ", ByName.Keys)} or tag:<key>.");

    public bool Equals(Dimension? other) =>
        other is not null && other.Kind == Kind && string.Equals(other.TagKey, TagKey, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, TagKey);

    public override string ToString() => Kind switch
    {
        DimensionKind.Tag => "tag:" + TagKey,
        DimensionKind.BillingAccount => "billingAccount",
        DimensionKind.ChargeCategory => "chargeCategory",
        DimensionKind.PricingCategory => "pricingCategory",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
