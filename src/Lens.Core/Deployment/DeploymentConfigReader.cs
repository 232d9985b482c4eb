using System.Text.Json;

namespace Lens.Core.Deployment;

/// <summary>
/// Reads the guide's deployment config. Every key is optional and takes its default when missing; an unknown key, or a
/// value of the wrong type or out of range, is an error naming the key, and no config is returned while any remains.
/// </summary>
public static class DeploymentConfigReader
{
    private const int MaxDepth = 8;

    public static (DeploymentConfig? Config, IReadOnlyList<ConfigError> Errors) Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return (DeploymentConfig.Default, []);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            return (null, [new ConfigError("config", $"Not valid JSON: {ex.Message}")]);
        }
    }

    public static (DeploymentConfig? Config, IReadOnlyList<ConfigError> Errors) Read(JsonElement root)
    {
        var errors = new List<ConfigError>();
        if (root.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (DeploymentConfig.Default, []);
        if (root.ValueKind != JsonValueKind.Object) return (null, [new ConfigError("config", "The deployment config is a JSON object.")]);

        var config = new DeploymentConfig();
        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            switch (key)
            {
                case "target_version": config = config with { TargetVersion = Text(key, value, errors) }; break;
                case "flag": config = config with { Flag = Text(key, value, errors) }; break;
                case "skip_final_bench": config = config with { SkipFinalBench = Bool(key, value, errors) ?? false }; break;
                case "required_gate_success": config = config with { RequiredGateSuccess = Bool(key, value, errors) ?? true }; break;
                case "canary_config": config = config with { Canary = Canary(key, value, errors) }; break;
                case "monitoring_config": config = config with { Monitoring = Monitoring(key, value, errors) }; break;
                case "sentinel_config": config = config with { Sentinel = Sentinel(key, value, errors) }; break;
                case "fingerprint": config = config with { Fingerprint = Fingerprint(key, value, errors) }; break;
                default: errors.Add(Unknown(key, "target_version, flag, skip_final_bench, required_gate_success, canary_config, monitoring_config, sentinel_config, fingerprint")); break;
            }
        }
        return errors.Count == 0 ? (config, errors) : (null, errors);
    }

    private static CanaryConfig Canary(string at, JsonElement value, List<ConfigError> errors)
    {
        var canary = new CanaryConfig();
        foreach (var (key, v) in Members(at, value, errors))
            canary = key switch
            {
                "accelerated_rollout" => canary with { AcceleratedRollout = Bool($"{at}.{key}", v, errors) ?? false },
                "acceleration_factor" => canary with { AccelerationFactor = Number($"{at}.{key}", v, errors, min: 1, max: 1_000_000) ?? CanaryConfig.DefaultAccelerationFactor },
                "stage_duration_hours" => canary with { StageDurationHours = Number($"{at}.{key}", v, errors, min: 0, max: 24 * 365) },
                "manual_promotion" => canary with { ManualPromotion = Bool($"{at}.{key}", v, errors) ?? false },
                _ => Ignore(canary, errors, Unknown($"{at}.{key}", "accelerated_rollout, acceleration_factor, stage_duration_hours, manual_promotion")),
            };
        return canary;
    }

    private static MonitoringConfig Monitoring(string at, JsonElement value, List<ConfigError> errors)
    {
        var monitoring = new MonitoringConfig();
        foreach (var (key, v) in Members(at, value, errors))
            monitoring = key switch
            {
                "enable_cusum_alarms" => monitoring with { EnableCusumAlarms = Bool($"{at}.{key}", v, errors) ?? true },
                "enable_drift_detection" => monitoring with { EnableDriftDetection = Bool($"{at}.{key}", v, errors) ?? true },
                "quiet_period_hours" => monitoring with { QuietPeriodHours = Number($"{at}.{key}", v, errors, min: 0, max: 24 * 365) },
                "alert_webhooks" => monitoring with { AlertWebhooks = Urls($"{at}.{key}", v, errors) },
                _ => Ignore(monitoring, errors, Unknown($"{at}.{key}", "enable_cusum_alarms, enable_drift_detection, quiet_period_hours, alert_webhooks")),
            };
        return monitoring;
    }

    private static SentinelConfig Sentinel(string at, JsonElement value, List<ConfigError> errors)
    {
        var sentinel = new SentinelConfig();
        foreach (var (key, v) in Members(at, value, errors))
            sentinel = key switch
            {
                "probe_frequency_minutes" => sentinel with { ProbeFrequencyMinutes = Number($"{at}.{key}", v, errors, min: 1, max: 24 * 60) ?? 60 },
                "kill_switch_enabled" => sentinel with { KillSwitchEnabled = Bool($"{at}.{key}", v, errors) ?? true },
                _ => Ignore(sentinel, errors, Unknown($"{at}.{key}", "probe_frequency_minutes, kill_switch_enabled")),
            };
        return sentinel;
    }

    private static FingerprintConfig Fingerprint(string at, JsonElement value, List<ConfigError> errors)
    {
        var fingerprint = new FingerprintConfig();
        foreach (var (key, v) in Members(at, value, errors))
            fingerprint = key switch
            {
                "git_commit" => fingerprint with { GitCommit = Text($"{at}.{key}", v, errors) },
                "ltr_model_hash" => fingerprint with { LtrModelHash = Text($"{at}.{key}", v, errors) },
                "feature_schema" => fingerprint with { FeatureSchema = Text($"{at}.{key}", v, errors) },
                "build" => fingerprint with { Build = Text($"{at}.{key}", v, errors) },
                _ => Ignore(fingerprint, errors, Unknown($"{at}.{key}", "git_commit, ltr_model_hash, feature_schema, build")),
            };
        return fingerprint;
    }

    private static IEnumerable<(string Key, JsonElement Value)> Members(string at, JsonElement value, List<ConfigError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) yield break;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(at, $"{at} is an object, got {Describe(value)}."));
            yield break;
        }
        foreach (var property in value.EnumerateObject()) yield return (property.Name, property.Value);
    }

    private static T Ignore<T>(T current, List<ConfigError> errors, ConfigError error)
    {
        errors.Add(error);
        return current;
    }

    private static ConfigError Unknown(string key, string known) => new(key, $"Unknown key '{key}'. Known here: {known}.");

    private static string? Text(string key, JsonElement value, List<ConfigError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) { errors.Add(new ConfigError(key, $"{key} is a string, got {Describe(value)}.")); return null; }
        var text = value.GetString()!.Trim();
        if (text.Length is 0 or > 200) { errors.Add(new ConfigError(key, $"{key} is between 1 and 200 characters.")); return null; }
        return text;
    }

    private static bool? Bool(string key, JsonElement value, List<ConfigError> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        if (value.ValueKind == JsonValueKind.Null) return null;
        errors.Add(new ConfigError(key, $"{key} is true or false, got {Describe(value)}."));
        return null;
    }

    private static double? Number(string key, JsonElement value, List<ConfigError> errors, double min, double max)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(new ConfigError(key, $"{key} is a number, got {Describe(value)}."));
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(new ConfigError(key, $"{key} is between {min} and {max}, got {number}."));
            return null;
        }
        return number;
    }

    private static IReadOnlyList<string> Urls(string key, JsonElement value, List<ConfigError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) { errors.Add(new ConfigError(key, $"{key} is a list of URLs, got {Describe(value)}.")); return []; }
        var urls = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{key}[{i++}]";
            if (item.ValueKind != JsonValueKind.String || !Uri.TryCreate(item.GetString(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add(new ConfigError(at, $"{at} is an absolute http or https URL (https://host/path)."));
            else urls.Add(uri.ToString());
        }
        return urls;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
