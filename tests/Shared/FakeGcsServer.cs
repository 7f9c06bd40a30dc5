using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinOps.Testing;

/// <summary>
/// A fake of the Cloud Storage JSON API and of Google's OAuth token endpoint on a free loopback port (no Cloud Storage emulator
/// installs here). Enough of the API for a reader: list objects (prefix, pagination), object metadata (generation, etag, md5, crc32c),
/// media download (<c>alt=media</c>, with <c>x-goog-hash</c>, ranges and generation pinning). Every storage request needs a bearer
/// token this server issued, else 401; a bucket answers only the service accounts it was created for, else 403. Tokens are issued
/// for the JWT-bearer grant only after the assertion's RS256 signature checks out against the public key of the account it names
/// (IdentityModel), as Google's token endpoint does, so the client's real OAuth flow runs.
/// </summary>
public sealed class FakeGcsServer : IDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RsaSecurityKey> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _buckets = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string Bucket, string Name), StoredObject> _objects = new();
    private readonly HashSet<string> _disabledAccounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _damagedInTransit = new(StringComparer.Ordinal);
    private long _generation = 1_700_000_000_000_000;
    private DateTimeOffset _clock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeGcsServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:41234</c> (the JSON API is under <c>/storage/v1/</c>).</summary>
    public string Endpoint { get; }

    public string TokenUri => Endpoint + "/token";

    /// <summary>Objects per list page (small, so that readers must follow <c>nextPageToken</c>).</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Tokens issued (each one a verified JWT assertion).</summary>
    public int TokensIssued { get; private set; }

    /// <summary>List pages served.</summary>
    public int ListPages { get; private set; }

    /// <summary>The scope of the last token issued.</summary>
    public string? LastScope { get; private set; }

    /// <summary>A new service account whose key (a fresh RSA key) this server trusts; returns the account's key file JSON.</summary>
    public string CreateServiceAccount(string clientEmail)
    {
        using var rsa = RSA.Create(2048);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        lock (_gate)
        {
            _accounts[clientEmail] = new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = keyId };
        }

        return KeyFile(clientEmail, keyId, rsa);
    }

    /// <summary>A key file for a known account signed by a key the server does not know (a deleted or foreign key).</summary>
    public string ForgeKey(string clientEmail)
    {
        using var rsa = RSA.Create(2048);
        return KeyFile(clientEmail, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), rsa);
    }

    /// <summary>The account's tokens are still issued but every storage request with one gets 401 (a disabled service account).</summary>
    public void DisableAccount(string clientEmail)
    {
        lock (_gate)
        {
            _disabledAccounts.Add(clientEmail);
        }
    }

    /// <summary>Downloads of the object send one byte flipped while <c>x-goog-hash</c> names the stored bytes (damage in transit).</summary>
    public void DamageInTransit(string name)
    {
        lock (_gate)
        {
            _damagedInTransit.Add(name);
        }
    }

    /// <summary>Downloads of the object are whole again.</summary>
    public void Repair(string name)
    {
        lock (_gate)
        {
            _damagedInTransit.Remove(name);
        }
    }

    /// <summary>A new bucket readable by the accounts named.</summary>
    public string CreateBucket(params string[] readers)
    {
        var bucket = "billing-" + Guid.NewGuid().ToString("N")[..12];
        lock (_gate)
        {
            _buckets[bucket] = new HashSet<string>(readers, StringComparer.Ordinal);
        }

        return bucket;
    }

    /// <summary>Writes an object (a new generation; the server's clock moves one second per write, so writes are ordered).</summary>
    public Task PutAsync(string bucket, string name, byte[] content)
    {
        lock (_gate)
        {
            _clock = _clock.AddSeconds(1);
            _objects[(bucket, name)] = new StoredObject(content, ++_generation, _clock);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    private string KeyFile(string clientEmail, string keyId, RSA rsa) => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = "finops-test",
        ["private_key_id"] = keyId,
        ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = clientEmail,
        ["client_id"] = "100000000000000000001",
        ["auth_uri"] = Endpoint + "/auth",
        ["token_uri"] = TokenUri,
    }.ToJsonString();

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = raw.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (path == "/token" && HttpMethods.IsPost(context.Request.Method))
        {
            await TokenAsync(context);
            return;
        }

        // /storage/v1/b/{bucket}/o[/{object}] and /download/storage/v1/b/{bucket}/o/{object}
        var start = segments.Length > 0 && segments[0] == "download" ? 1 : 0;
        if (!HttpMethods.IsGet(context.Request.Method) || segments.Length < start + 5 || segments[start] != "storage" || segments[start + 1] != "v1"
            || segments[start + 2] != "b" || segments[start + 4] != "o")
        {
            await ErrorAsync(context, 404, "Not Found");
            return;
        }

        var bucket = segments[start + 3];
        var name = segments.Length > start + 5 ? string.Join('/', segments[(start + 5)..]) : null;
        string? account;
        HashSet<string>? readers;
        lock (_gate)
        {
            var header = context.Request.Headers.Authorization.ToString();
            account = header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(header[7..], out var who) ? who : null;
            _buckets.TryGetValue(bucket, out readers);
        }

        bool disabled;
        lock (_gate)
        {
            disabled = account is not null && _disabledAccounts.Contains(account);
        }

        if (account is null || disabled)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
            await ErrorAsync(context, 401, "Invalid Credentials");
            return;
        }

        if (readers is null)
        {
            await ErrorAsync(context, 404, "The specified bucket does not exist.");
            return;
        }

        if (!readers.Contains(account))
        {
            await ErrorAsync(context, 403, $"{account} does not have storage.objects.{(name is null ? "list" : "get")} access to the Google Cloud Storage bucket.");
            return;
        }

        if (name is null)
        {
            await ListAsync(context, bucket);
        }
        else
        {
            await GetAsync(context, bucket, name);
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            await TokenErrorAsync(context, "unsupported_grant_type", "Invalid grant_type.");
            return;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["assertion"].ToString(), new TokenValidationParameters
        {
            // Google's audience for the JWT-bearer grant, whatever token_uri the assertion is posted to.
            ValidAudience = "https://oauth2.googleapis.com/token",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            IssuerValidator = (issuer, _, _) => issuer,
            // The key that must have signed is the one of the account the assertion claims to be.
            IssuerSigningKeyResolver = (_, token, _, _) =>
            {
                lock (_gate)
                {
                    return _accounts.TryGetValue(((JsonWebToken)token).Issuer, out var key) ? [key] : [];
                }
            },
        });
        if (!result.IsValid)
        {
            await TokenErrorAsync(context, "invalid_grant", result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
                ? "Invalid JWT Signature."
                : "Invalid JWT: " + result.Exception?.GetType().Name);
            return;
        }

        var accessToken = "ya29.fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _tokens[accessToken] = result.Issuer;
            TokensIssued++;
            LastScope = result.Claims.TryGetValue("scope", out var scope) ? scope as string : null;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["access_token"] = accessToken, ["expires_in"] = 3599, ["token_type"] = "Bearer" });
    }

    private async Task ListAsync(HttpContext context, string bucket)
    {
        var prefix = context.Request.Query["prefix"].ToString();
        var after = context.Request.Query["pageToken"].ToString();
        var max = int.TryParse(context.Request.Query["maxResults"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? Math.Min(asked, PageSize) : PageSize;
        List<(string Name, StoredObject Object)> page;
        bool more;
        lock (_gate)
        {
            ListPages++;
            var matching = _objects
                .Where(o => o.Key.Bucket == bucket && o.Key.Name.StartsWith(prefix, StringComparison.Ordinal)
                    && (after.Length == 0 || string.CompareOrdinal(o.Key.Name, Encoding.UTF8.GetString(Convert.FromHexString(after))) > 0))
                .Select(o => (o.Key.Name, o.Value))
                .ToList();
            page = matching.Take(max).ToList();
            more = matching.Count > max;
        }

        var json = new JsonObject { ["kind"] = "storage#objects", ["items"] = new JsonArray([.. page.Select(o => Resource(bucket, o.Name, o.Object))]) };
        if (more)
        {
            json["nextPageToken"] = Convert.ToHexString(Encoding.UTF8.GetBytes(page[^1].Name));
        }

        await context.Response.WriteAsJsonAsync(json);
    }

    private async Task GetAsync(HttpContext context, string bucket, string name)
    {
        StoredObject? stored;
        lock (_gate)
        {
            _objects.TryGetValue((bucket, name), out stored);
        }

        // No object versioning here: a generation other than the live one is gone.
        var generation = context.Request.Query["generation"].ToString();
        if (stored is null || (generation.Length > 0 && generation != stored.Generation.ToString(CultureInfo.InvariantCulture)))
        {
            await ErrorAsync(context, 404, $"No such object: {bucket}/{name}");
            return;
        }

        if (context.Request.Query["alt"] != "media")
        {
            await context.Response.WriteAsJsonAsync(Resource(bucket, name, stored));
            return;
        }

        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.Headers["x-goog-hash"] = $"crc32c={stored.Crc32c},md5={stored.Md5}";
        response.Headers["x-goog-generation"] = stored.Generation.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-goog-stored-content-length"] = stored.Content.Length.ToString(CultureInfo.InvariantCulture);
        response.Headers.ETag = stored.ETag;
        var (from, to) = (0L, stored.Content.Length - 1L);
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var bounds = range[6..].Split('-');
            from = long.Parse(bounds[0], CultureInfo.InvariantCulture);
            to = bounds.Length > 1 && bounds[1].Length > 0 ? Math.Min(to, long.Parse(bounds[1], CultureInfo.InvariantCulture)) : to;
            response.StatusCode = 206;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{stored.Content.Length}");
        }

        response.ContentLength = to - from + 1;
        var body = stored.Content.AsMemory((int)from, (int)(to - from + 1));
        bool damaged;
        lock (_gate)
        {
            damaged = _damagedInTransit.Contains(name);
        }

        if (damaged && body.Length > 0)
        {
            var copy = body.ToArray();
            copy[copy.Length / 2] ^= 0x20;
            body = copy;
        }

        await response.Body.WriteAsync(body);
    }

    private JsonObject Resource(string bucket, string name, StoredObject stored)
    {
        var generation = stored.Generation.ToString(CultureInfo.InvariantCulture);
        var escaped = Uri.EscapeDataString(name);
        return new JsonObject
        {
            ["kind"] = "storage#object",
            ["id"] = $"{bucket}/{name}/{generation}",
            ["selfLink"] = $"{Endpoint}/storage/v1/b/{bucket}/o/{escaped}",
            ["mediaLink"] = $"{Endpoint}/download/storage/v1/b/{bucket}/o/{escaped}?generation={generation}&alt=media",
            ["name"] = name,
            ["bucket"] = bucket,
            ["generation"] = generation,
            ["metageneration"] = "1",
            ["contentType"] = "application/octet-stream",
            ["storageClass"] = "STANDARD",
            ["size"] = stored.Content.Length.ToString(CultureInfo.InvariantCulture),
            ["md5Hash"] = stored.Md5,
            ["crc32c"] = stored.Crc32c,
            ["etag"] = stored.ETag,
            ["timeCreated"] = stored.Written.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["updated"] = stored.Written.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }

    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = status switch { 401 => "required", 403 => "forbidden", _ => "notFound" } }),
            },
        });
    }

    private static Task TokenErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = 400;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error, ["error_description"] = description });
    }

    private sealed class StoredObject(byte[] content, long generation, DateTimeOffset written)
    {
        public byte[] Content { get; } = content;

        public long Generation { get; } = generation;

        public DateTimeOffset Written { get; } = written;

#pragma warning disable CA5351 // Cloud Storage reports an object's MD5 (md5Hash, x-goog-hash); an integrity checksum here, not security.
        public string Md5 { get; } = Convert.ToBase64String(MD5.HashData(content));
#pragma warning restore CA5351

        public string Crc32c { get; } = Crc32cBase64(content);

        public string ETag => "C" + Generation.ToString("x", CultureInfo.InvariantCulture);

        /// <summary>CRC32C (Castagnoli), big-endian, base64: how Cloud Storage reports it.</summary>
        private static string Crc32cBase64(byte[] content)
        {
            var crc = uint.MaxValue;
            foreach (var b in content)
            {
                crc = BitOperations.Crc32C(crc, b);
            }

            crc = ~crc;
            return Convert.ToBase64String([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        }
    }
}
