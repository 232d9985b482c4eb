using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Lens.Core.Flags;

/// <summary>
/// How services decide, without asking the dashboard, whether a user sees the candidate.
/// bucket = SHA-256(UTF-8("{flagKey}:{salt}:{userKey}")), first 8 bytes read as an unsigned big-endian
/// integer, modulo 10000. A user is in the candidate when bucket &lt; round(percent × 100), so raising the
/// percentage only ever adds users. Test vectors: docs/flag-bucketing-vectors.json.
/// </summary>
public static class FlagBucketing
{
    public const int BucketCount = 10_000;

    public static int Bucket(string flagKey, string salt, string userKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(userKey);
        var input = Encoding.UTF8.GetBytes($"{flagKey}:{salt}:{userKey}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % BucketCount);
    }

    public static int Threshold(decimal percent) =>
        (int)Math.Clamp(decimal.Round(percent * 100m, 0, MidpointRounding.AwayFromZero), 0m, BucketCount);
}
