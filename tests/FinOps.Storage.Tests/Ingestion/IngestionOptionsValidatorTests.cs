using FinOps.Storage.Ingestion;

namespace FinOps.Storage.Tests.Ingestion;

public sealed class IngestionOptionsValidatorTests
{
    private static readonly IngestionOptionsValidator Validator = new();

    [Fact]
    public void Validate_S3SourceWithBucket_Succeeds()
    {
        var result = Validator.Validate(null, Options(new IngestionSourceOptions { Name = "aws", Kind = IngestionSourceKind.AwsS3, Location = { Bucket = "b" } }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NoSources_Succeeds() => Assert.True(Validator.Validate(null, new IngestionOptions()).Succeeded);

    public static TheoryData<IngestionSourceOptions, string> BadSources => new()
    {
        { new() { Name = "", Kind = IngestionSourceKind.LocalFolder, Location = { Path = "/x" } }, "Ingestion:Sources:0:Name is required." },
        { new() { Name = "a b", Kind = IngestionSourceKind.LocalFolder, Location = { Path = "/x" } }, "Ingestion:Sources:0:Name 'a b' may hold only letters, digits, '-', '_' and '.'." },
        { new() { Name = "x" }, "Ingestion:Sources:0:Kind is required: one of AwsS3, AzureBlob, Gcs, S3Compatible, LocalFolder (source 'x')." },
        { new() { Name = "x", Kind = IngestionSourceKind.AwsS3 }, "Ingestion:Sources:0:Location:Bucket is required (source 'x', kind AwsS3)." },
        { new() { Name = "x", Kind = IngestionSourceKind.S3Compatible, Location = { Bucket = "b" } }, "Ingestion:Sources:0:Location:ServiceUrl is required (source 'x', kind S3Compatible)." },
        { new() { Name = "x", Kind = IngestionSourceKind.S3Compatible, Location = { Bucket = "b", ServiceUrl = "minio:9000" } }, "Ingestion:Sources:0:Location:ServiceUrl 'minio:9000' is not an http(s) URL (source 'x', kind S3Compatible)." },
        { new() { Name = "x", Kind = IngestionSourceKind.Gcs }, "Ingestion:Sources:0:Location:Bucket is required (source 'x', kind Gcs)." },
        { new() { Name = "x", Kind = IngestionSourceKind.LocalFolder }, "Ingestion:Sources:0:Location:Path is required (source 'x', kind LocalFolder)." },
        { new() { Name = "x", Kind = IngestionSourceKind.AzureBlob, Location = { Container = "c" } }, "Ingestion:Sources:0: set Credentials:ConnectionString, Credentials:SasUrl, or Location:ServiceUrl (the account's blob endpoint, for DefaultAzureCredential) (source 'x', kind AzureBlob)." },
        { new() { Name = "x", Kind = IngestionSourceKind.LocalFolder, Location = { Path = "/x" }, ExpectedCadence = TimeSpan.Zero }, "Ingestion:Sources:0:ExpectedCadence must be positive, not 00:00:00 (source 'x', kind LocalFolder)." },
    };

    [Theory]
    [MemberData(nameof(BadSources))]
    public void Validate_BadSource_FailsNamingTheSetting(IngestionSourceOptions source, string expected)
    {
        var result = Validator.Validate(null, Options(source));

        Assert.True(result.Failed);
        Assert.Equal(expected, Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_AccessKeyWithoutSecret_FailsWithoutShowingTheKey()
    {
        var source = new IngestionSourceOptions { Name = "aws", Kind = IngestionSourceKind.AwsS3, Location = { Bucket = "b" }, Credentials = { AccessKeyId = "AKIAEXAMPLEKEYID0001" } };

        var failure = Assert.Single(Validator.Validate(null, Options(source)).Failures!);

        Assert.StartsWith("Ingestion:Sources:0:Credentials:AccessKeyId and Ingestion:Sources:0:Credentials:SecretAccessKey go together", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLEKEYID0001", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GcsKeyGivenBothAsPathAndJson_FailsWithoutShowingTheKey()
    {
        var source = new IngestionSourceOptions
        {
            Name = "gcp",
            Kind = IngestionSourceKind.Gcs,
            Location = { Bucket = "b" },
            Credentials = { ServiceAccountKeyPath = "/keys/sa.json", ServiceAccountKeyJson = "{\"private_key\":\"s3cr3t\"}" },
        };

        var failure = Assert.Single(Validator.Validate(null, Options(source)).Failures!);

        Assert.Equal(
            "Ingestion:Sources:0:Credentials:ServiceAccountKeyPath and Ingestion:Sources:0:Credentials:ServiceAccountKeyJson are two ways to give one key: " +
            "set one, or neither for application default credentials (source 'gcp', kind Gcs).",
            failure);
    }

    [Fact]
    public void Validate_GcsSourceWithBucketOnly_SucceedsForApplicationDefaultCredentials() =>
        Assert.True(Validator.Validate(null, Options(new IngestionSourceOptions { Name = "gcp", Kind = IngestionSourceKind.Gcs, Location = { Bucket = "b" } })).Succeeded);

    [Fact]
    public void Validate_TwoSourcesWithOneName_FailsOnTheSecond()
    {
        var options = Options(
            new IngestionSourceOptions { Name = "aws", Kind = IngestionSourceKind.AwsS3, Location = { Bucket = "a" } },
            new IngestionSourceOptions { Name = "AWS", Kind = IngestionSourceKind.AwsS3, Location = { Bucket = "b" } });

        Assert.Equal("Ingestion:Sources:1:Name 'AWS' is used by another source.", Assert.Single(Validator.Validate(null, options).Failures!));
    }

    private static IngestionOptions Options(params IngestionSourceOptions[] sources) => new() { Sources = sources.ToList() };
}
