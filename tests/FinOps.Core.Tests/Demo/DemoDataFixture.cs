using FinOps.Demo;

namespace FinOps.Core.Tests.Demo;

/// <summary>One mid-sized generation shared by the generator tests.</summary>
public sealed class DemoDataFixture
{
    public static readonly DateOnly EndDate = new(2026, 11, 23);

    public DemoDataFixture()
    {
        Options = new DemoDataOptions { EndDate = EndDate, TargetRows = 40_000, Seed = 7 };
        using var stream = new MemoryStream();
        Result = new FocusDemoGenerator().Write(stream, Options, CancellationToken.None);
        Bytes = stream.ToArray();
        Csv = new DemoCsv(Bytes);
    }

    public DemoDataOptions Options { get; }

    public DemoDataResult Result { get; }

    public byte[] Bytes { get; }

    public DemoCsv Csv { get; }
}
