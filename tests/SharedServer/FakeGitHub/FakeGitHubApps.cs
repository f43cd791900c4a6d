using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Skiff.Tests.Shared;

/// <summary>
/// The GitHub App side of the fake: checks the JWT an app signs (RS256, iss = app id, exp at most
/// 10 minutes after iat, not expired, signed by the registered key) and issues installation tokens
/// that expire in an hour.
/// </summary>
internal sealed class FakeGitHubApps(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (long AppId, RSA PublicKey)> _installations = [];
    private readonly List<FakeAppJwt> _jwts = [];
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public IReadOnlyList<FakeAppJwt> Jwts
    {
        get
        {
            lock (_gate)
                return _jwts.ToList();
        }
    }

    public IReadOnlyCollection<string> IssuedTokens
    {
        get
        {
            lock (_gate)
                return _issued.ToList();
        }
    }

    public void Register(long appId, long installationId, RSA publicKey)
    {
        lock (_gate)
            _installations[installationId] = (appId, publicKey);
    }

    public bool Issued(string token)
    {
        lock (_gate)
            return _issued.Contains(token);
    }

    /// <summary>Checks a JWT for an installation; returns the new token, or the status and message GitHub would answer.</summary>
    public (string? Token, DateTimeOffset ExpiresAt, int Status, string? Message) Exchange(long installationId, string? jwt)
    {
        var now = time.GetUtcNow();
        (long AppId, RSA PublicKey) installation;
        lock (_gate)
        {
            if (!_installations.TryGetValue(installationId, out installation))
                return (null, default, 404, "Not Found");
        }
        var decoded = Decode(jwt, installation, now);
        lock (_gate)
        {
            _jwts.Add(decoded);
            if (decoded.Problem is not null)
                return (null, default, 401, decoded.Problem);
            var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
            _issued.Add(token);
            return (token, now.AddHours(1), 201, null);
        }
    }

    private static FakeAppJwt Decode(string? jwt, (long AppId, RSA PublicKey) installation, DateTimeOffset now)
    {
        var parts = jwt?.Split('.') ?? [];
        if (parts.Length != 3)
            return new FakeAppJwt(null, null, 0, 0, null, false, "A JSON web token could not be decoded");
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var algorithm = Text(header.RootElement, "alg");
            var type = Text(header.RootElement, "typ");
            var issuedAt = Number(claims.RootElement, "iat");
            var expiresAt = Number(claims.RootElement, "exp");
            var issuer = claims.RootElement.TryGetProperty("iss", out var iss)
                ? iss.ValueKind == JsonValueKind.Number ? iss.GetRawText() : iss.GetString()
                : null;
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var signatureValid = installation.PublicKey.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var nowSeconds = now.ToUnixTimeSeconds();
            string? problem =
                algorithm != "RS256" ? "A JSON web token could not be decoded" :
                issuedAt is null ? "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued." :
                expiresAt is null ? "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires." :
                expiresAt - issuedAt > 600 ? "'Expiration time' claim ('exp') is too far in the future" :
                expiresAt <= nowSeconds ? "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires." :
                issuedAt > nowSeconds + 60 ? "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued." :
                issuer != installation.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) ? "'Issuer' claim ('iss') must be an Integer" :
                !signatureValid ? "A JSON web token could not be decoded" :
                null;
            return new FakeAppJwt(algorithm, type, issuedAt ?? 0, expiresAt ?? 0, issuer, signatureValid, problem);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException)
        {
            return new FakeAppJwt(null, null, 0, 0, null, false, "A JSON web token could not be decoded");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
