using System.Text.Json;
using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

public class ConfigFingerprintTests
{
    private static string Fp(string json) => ConfigFingerprint.Compute(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Compute_KnownConfiguration_MatchesSha256OfTheCanonicalText()
    {
        // Reference computed outside .NET: sha256 of {"a":[1,2,{"x":true,"y":null}],"b":"text","c":1.5} (python hashlib).
        var json = """{ "c": 1.5, "b": "text", "a": [1, 2, { "y": null, "x": true }] }""";
        Assert.Equal("""{"a":[1,2,{"x":true,"y":null}],"b":"text","c":1.5}""", ConfigFingerprint.ToCanonicalJson(JsonDocument.Parse(json).RootElement));
        Assert.Equal("sha256:bab6e84cebea2eb6c91e9ca943ec4d4cd893f650942eaa62540dda7fdf78e621", Fp(json));
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":[3,4]}}""", "{ \"b\" : { \"d\" : [ 3 , 4 ], \"c\": 2 },\n  \"a\": 1 }")]
    [InlineData("""{"threshold":1}""", """{"threshold":1.0}""")]
    [InlineData("""{"x":0.5}""", """{"x":5e-1}""")]
    public void Compute_EqualSettingsWrittenDifferently_GiveEqualFingerprints(string a, string b) => Assert.Equal(Fp(a), Fp(b));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    public void Compute_DifferentSettings_GiveDifferentFingerprints(string a, string b) => Assert.NotEqual(Fp(a), Fp(b));

    [Fact]
    public void Release_Create_FreezesCanonicalConfigAndFingerprint()
    {
        var release = Release.Create(" 2.4.0 ", JsonDocument.Parse("""{"b":1,"a":2}""").RootElement, DateTimeOffset.UnixEpoch);
        Assert.Equal("2.4.0", release.Version);
        Assert.Equal("""{"a":2,"b":1}""", release.ConfigJson);
        Assert.StartsWith("sha256:", release.Fingerprint);
        Assert.Equal(71, release.Fingerprint.Length);
    }

    [Fact]
    public void Release_Create_WithNonObjectConfig_Throws() =>
        Assert.Throws<ArgumentException>(() => Release.Create("1", JsonDocument.Parse("[1]").RootElement, DateTimeOffset.UnixEpoch));
}
