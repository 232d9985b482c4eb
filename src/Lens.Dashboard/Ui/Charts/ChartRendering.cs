namespace Lens.Dashboard.Ui.Charts;

/// <summary>Which library draws the charts (Ui:Charts = plotly | mud), while the two are measured against each other.</summary>
public sealed class ChartRendering(IConfiguration configuration)
{
    public bool UsePlotly { get; } = !string.Equals(configuration["Ui:Charts"], "mud", StringComparison.OrdinalIgnoreCase);
}
