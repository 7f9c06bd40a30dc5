using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Ingestion;

/// <summary>Checks <c>Ingestion:Sources</c> at start-up; each failure names the setting by its full path (and never shows a secret).</summary>
/// <remarks>The schedules are checked by the host that schedules the syncs (Quartz cron), not here.</remarks>
public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{IngestionOptions.SectionName}:Sources:{i}");
            if (source is null)
            {
                failures.Add($"{at} is empty.");
                continue;
            }

            Validate(source, at, names, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Validate(IngestionSourceOptions source, string at, HashSet<string> names, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(source.Name))
        {
            failures.Add($"{at}:Name is required.");
        }
        else if (!source.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add($"{at}:Name '{source.Name}' may hold only letters, digits, '-', '_' and '.'.");
        }
        else if (!names.Add(source.Name))
        {
            failures.Add($"{at}:Name '{source.Name}' is used by another source.");
        }

        var location = source.Location;
        var credentials = source.Credentials;
        var what = $"(source '{source.Name}', kind {source.Kind})";
        switch (source.Kind)
        {
            case IngestionSourceKind.AwsS3:
            case IngestionSourceKind.S3Compatible:
                Require(location.Bucket, $"{at}:Location:Bucket", what, failures);
                if (source.Kind == IngestionSourceKind.S3Compatible)
                {
                    Require(location.ServiceUrl, $"{at}:Location:ServiceUrl", what, failures);
                }

                if (string.IsNullOrEmpty(credentials.AccessKeyId) != string.IsNullOrEmpty(credentials.SecretAccessKey))
                {
                    failures.Add($"{at}:Credentials:AccessKeyId and {at}:Credentials:SecretAccessKey go together: set both, or neither for the default AWS credential chain {what}.");
                }

                break;
            case IngestionSourceKind.AzureBlob:
                Require(location.Container, $"{at}:Location:Container", what, failures);
                if (string.IsNullOrEmpty(credentials.ConnectionString) && string.IsNullOrEmpty(credentials.SasUrl) && string.IsNullOrEmpty(location.ServiceUrl))
                {
                    failures.Add($"{at}: set Credentials:ConnectionString, Credentials:SasUrl, or Location:ServiceUrl (the account's blob endpoint, for DefaultAzureCredential) {what}.");
                }

                break;
            case IngestionSourceKind.Gcs:
                Require(location.Bucket, $"{at}:Location:Bucket", what, failures);
                if (!string.IsNullOrEmpty(credentials.ServiceAccountKeyPath) && !string.IsNullOrEmpty(credentials.ServiceAccountKeyJson))
                {
                    failures.Add($"{at}:Credentials:ServiceAccountKeyPath and {at}:Credentials:ServiceAccountKeyJson are two ways to give one key: set one, or neither for application default credentials {what}.");
                }

                break;
            case IngestionSourceKind.LocalFolder:
                Require(location.Path, $"{at}:Location:Path", what, failures);
                break;
            default:
                failures.Add($"{at}:Kind is required: one of {string.Join(", ", Enum.GetNames<IngestionSourceKind>().Skip(1))} (source '{source.Name}').");
                break;
        }

        if (!string.IsNullOrEmpty(location.ServiceUrl)
            && (!Uri.TryCreate(location.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{at}:Location:ServiceUrl '{location.ServiceUrl}' is not an http(s) URL {what}.");
        }

        if (source.ExpectedCadence <= TimeSpan.Zero)
        {
            failures.Add($"{at}:ExpectedCadence must be positive, not {source.ExpectedCadence} {what}.");
        }
    }

    private static void Require(string? value, string setting, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required {what}.");
        }
    }
}
