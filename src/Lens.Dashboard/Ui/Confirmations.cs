using MudBlazor;

namespace Lens.Dashboard.Ui;

/// <summary>Opens the who-and-why dialog every action goes through; null when the person cancels.</summary>
public static class Confirmations
{
    public static async Task<ConfirmResult?> ConfirmAsync(this IDialogService dialogs, string title, string consequence, string confirmText, bool danger = false)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Consequence, consequence },
            { d => d.ConfirmText, confirmText },
            { d => d.Danger, danger },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ConfirmResult confirmed } ? confirmed : null;
    }
}
