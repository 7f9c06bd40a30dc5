using System.Globalization;

namespace FinOps.Core.Allocation;

/// <summary>When a rule applies: from <see cref="From"/> (inclusive) until <see cref="Until"/> (exclusive); null means unbounded.</summary>
public sealed record EffectivePeriod(DateOnly? From, DateOnly? Until)
{
    public static EffectivePeriod Always { get; } = new(null, null);

    public bool Contains(DateOnly date) => (From is null || date >= From) && (Until is null || date < Until);

    public override string ToString() => (From, Until) switch
    {
        (null, null) => "always",
        ({ } f, null) => string.Create(CultureInfo.InvariantCulture, $"from {f:yyyy-MM-dd}"),
        (null, { } u) => string.Create(CultureInfo.InvariantCulture, $"until {u:yyyy-MM-dd}"),
        ({ } f, { } u) => string.Create(CultureInfo.InvariantCulture, $"from {f:yyyy-MM-dd} until {u:yyyy-MM-dd}"),
    };
}
