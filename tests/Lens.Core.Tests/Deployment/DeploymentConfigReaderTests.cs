using Lens.Core.Deployment;

namespace Lens.Core.Tests.Deployment;

public sealed class DeploymentConfigReaderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Read_Empty_TakesEveryDefault(string? json)
    {
        var (config, errors) = DeploymentConfigReader.Read(json);

        Assert.Empty(errors);
        Assert.Equal(DeploymentConfig.Default with { }, config);
        Assert.True(config!.RequiredGateSuccess);
        Assert.Equal(720, config.Canary.AccelerationFactor);
        Assert.True(config.Monitoring.EnableCusumAlarms);
        Assert.Equal(60, config.Sentinel.ProbeFrequencyMinutes);
        Assert.Null(config.Canary.StageDurationHours);
    }

    [Fact]
    public void Read_TheGuidesFileWithTheAdditions_ReadsEveryKey()
    {
        const string json = """
            {"target_version": "1.2.3", "flag": "search", "skip_final_bench": true, "required_gate_success": false,
             "canary_config": {"accelerated_rollout": true, "acceleration_factor": 360, "stage_duration_hours": 12, "manual_promotion": true},
             "monitoring_config": {"enable_cusum_alarms": false, "enable_drift_detection": false, "quiet_period_hours": 6, "alert_webhooks": ["https://alerts.example.com/x"]},
             "sentinel_config": {"probe_frequency_minutes": 30, "kill_switch_enabled": false},
             "fingerprint": {"git_commit": "abc123", "ltr_model_hash": "sha256:ff", "feature_schema": "v7", "build": "ci-42"}}
            """;

        var (config, errors) = DeploymentConfigReader.Read(json);

        Assert.Empty(errors);
        Assert.Equal(("1.2.3", "search", true, false), (config!.TargetVersion, config.Flag, config.SkipFinalBench, config.RequiredGateSuccess));
        Assert.Equal(new CanaryConfig { AcceleratedRollout = true, AccelerationFactor = 360, StageDurationHours = 12, ManualPromotion = true }, config.Canary);
        Assert.Equal((false, false, 6d), (config.Monitoring.EnableCusumAlarms, config.Monitoring.EnableDriftDetection, config.Monitoring.QuietPeriodHours!.Value));
        Assert.Equal(["https://alerts.example.com/x"], config.Monitoring.AlertWebhooks);
        Assert.Equal(new SentinelConfig { ProbeFrequencyMinutes = 30, KillSwitchEnabled = false }, config.Sentinel);
        Assert.Equal(new FingerprintConfig { GitCommit = "abc123", LtrModelHash = "sha256:ff", FeatureSchema = "v7", Build = "ci-42" }, config.Fingerprint);
    }

    [Fact]
    public void Read_PartialSection_KeepsTheSectionsOtherDefaults()
    {
        var (config, _) = DeploymentConfigReader.Read("""{"canary_config":{"accelerated_rollout":true}}""");

        Assert.True(config!.Canary.AcceleratedRollout);
        Assert.Equal(720, config.Canary.AccelerationFactor);
        Assert.False(config.Canary.ManualPromotion);
    }

    [Theory]
    [InlineData("""{"target_versio":"1"}""", "target_versio")]
    [InlineData("""{"canary_config":{"stage_hours":1}}""", "canary_config.stage_hours")]
    [InlineData("""{"monitoring_config":{"quiet":1}}""", "monitoring_config.quiet")]
    [InlineData("""{"sentinel_config":{"probe":1}}""", "sentinel_config.probe")]
    [InlineData("""{"fingerprint":{"commit":"x"}}""", "fingerprint.commit")]
    [InlineData("""{"target_version":1}""", "target_version")]
    [InlineData("""{"flag":true}""", "flag")]
    [InlineData("""{"skip_final_bench":"yes"}""", "skip_final_bench")]
    [InlineData("""{"required_gate_success":1}""", "required_gate_success")]
    [InlineData("""{"canary_config":[]}""", "canary_config")]
    [InlineData("""{"canary_config":{"accelerated_rollout":"true"}}""", "canary_config.accelerated_rollout")]
    [InlineData("""{"canary_config":{"acceleration_factor":"720"}}""", "canary_config.acceleration_factor")]
    [InlineData("""{"canary_config":{"acceleration_factor":0}}""", "canary_config.acceleration_factor")]
    [InlineData("""{"canary_config":{"stage_duration_hours":-1}}""", "canary_config.stage_duration_hours")]
    [InlineData("""{"canary_config":{"manual_promotion":null, "stage_duration_hours":{}}}""", "canary_config.stage_duration_hours")]
    [InlineData("""{"monitoring_config":{"enable_cusum_alarms":0}}""", "monitoring_config.enable_cusum_alarms")]
    [InlineData("""{"monitoring_config":{"quiet_period_hours":"24"}}""", "monitoring_config.quiet_period_hours")]
    [InlineData("""{"monitoring_config":{"alert_webhooks":"https://a"}}""", "monitoring_config.alert_webhooks")]
    [InlineData("""{"monitoring_config":{"alert_webhooks":["ftp://a"]}}""", "monitoring_config.alert_webhooks[0]")]
    [InlineData("""{"monitoring_config":{"alert_webhooks":["https://ok.example/x", "/hooks/relative"]}}""", "monitoring_config.alert_webhooks[1]")]
    [InlineData("""{"monitoring_config":{"alert_webhooks":["https://ok.example/x", "hooks.example/x"]}}""", "monitoring_config.alert_webhooks[1]")]
    [InlineData("""{"monitoring_config":{"alert_webhooks":[42]}}""", "monitoring_config.alert_webhooks[0]")]
    [InlineData("""{"sentinel_config":{"probe_frequency_minutes":0}}""", "sentinel_config.probe_frequency_minutes")]
    [InlineData("""{"sentinel_config":{"kill_switch_enabled":"no"}}""", "sentinel_config.kill_switch_enabled")]
    [InlineData("""{"fingerprint":{"git_commit":42}}""", "fingerprint.git_commit")]
    [InlineData("""[1]""", "config")]
    [InlineData("""{"flag":""", "config")]
    public void Read_UnknownKeyOrWrongType_IsAnErrorNamingTheKey(string json, string key)
    {
        var (config, errors) = DeploymentConfigReader.Read(json);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Key == key);
    }

    [Fact]
    public void Read_SeveralMistakes_NamesEachOne()
    {
        var (_, errors) = DeploymentConfigReader.Read("""{"x":1,"canary_config":{"accelerated_rollout":2},"sentinel_config":{"kill_switch_enabled":"y"}}""");

        Assert.Equal(["x", "canary_config.accelerated_rollout", "sentinel_config.kill_switch_enabled"], errors.Select(e => e.Key));
    }
}
