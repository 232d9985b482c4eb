using Lens.Core.Bench;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.SignOff;

namespace Lens.Dashboard.Features.Releases;

/// <summary>Everything the release page shows: the release, its rollouts, its benches, whether tonight validates it and where its sign-off stands.</summary>
public sealed record ReleaseDetail(
    Release Release,
    string ConfigPretty,
    ReleaseStanding Standing,
    IReadOnlyList<Rollout> Rollouts,
    IReadOnlyList<BenchRun> Benches,
    SignOffState SignOff,
    NightlyChoice? Nightly);
