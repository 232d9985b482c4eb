using System.Security.Cryptography;
using System.Text;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>
/// The signature receivers check: <c>X-Lens-Signature: sha256=HEX</c>, where HEX is HMAC-SHA256 over
/// "{X-Lens-Timestamp}.{body}" with the endpoint's secret. Signing the timestamp lets receivers refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Lens-Signature";
    public const string TimestampHeader = "X-Lens-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string EventHeader = "X-Lens-Event";

    public static string Compute(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool Verify(string secret, string timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
