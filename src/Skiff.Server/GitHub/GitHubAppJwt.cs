using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skiff.Server.GitHub;

/// <summary>
/// The JSON Web Token a GitHub App signs to authenticate as itself: RS256, issued 60 seconds in the
/// past (clock drift), expiring 9 minutes from now (GitHub allows at most 10), issuer = the app id.
/// </summary>
public static class GitHubAppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}""");

    public static string Create(long appId, RSA privateKey, DateTimeOffset now)
    {
        var claims = new JwtClaims(
            IssuedAt: (now - Backdate).ToUnixTimeSeconds(),
            ExpiresAt: (now + Lifetime).ToUnixTimeSeconds(),
            Issuer: appId.ToString(CultureInfo.InvariantCulture));
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private sealed record JwtClaims(
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long ExpiresAt,
        [property: JsonPropertyName("iss")] string Issuer);
}
