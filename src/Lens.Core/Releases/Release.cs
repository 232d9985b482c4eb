using System.Text.Json;

namespace Lens.Core.Releases;

/// <summary>A version with its frozen configuration and that configuration's fingerprint.</summary>
public sealed class Release
{
    public const int MaxVersionLength = 100;

    private Release() { }

    public Guid Id { get; private set; }
    public string Version { get; private set; } = "";
    public string ConfigJson { get; private set; } = "{}";
    public string Fingerprint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Release Create(string version, JsonElement configuration, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(version))
            throw new ArgumentException("A release needs a version.", nameof(version));
        if (version.Length > MaxVersionLength)
            throw new ArgumentException($"A version is at most {MaxVersionLength} characters.", nameof(version));
        if (configuration.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("A release's configuration is a JSON object.", nameof(configuration));

        return new Release
        {
            Id = Guid.NewGuid(),
            Version = version.Trim(),
            ConfigJson = ConfigFingerprint.ToCanonicalJson(configuration),
            Fingerprint = ConfigFingerprint.Compute(configuration),
            CreatedAt = now,
        };
    }
}
