extension LabInfo {
    /// `context` as a user has it after `source DIR/env` and `--profile PROFILE`: the lab's AWS config and credentials
    /// files, and that profile (`lab-a`, `lab-b`), so the demo runs the product's workflows as a user would.
    ///
    /// ```swift
    /// let report = try await RelaunchWorkflow().run(request, context: info.context(context, profile: "lab-b"))
    /// ```
    func context(_ context: WorkflowContext, profile: String) -> WorkflowContext {
        var context = context
        if let config = awsConfigFile { context.environment["AWS_CONFIG_FILE"] = config }
        if let credentials = awsCredentialsFile { context.environment["AWS_SHARED_CREDENTIALS_FILE"] = credentials }
        context.aws?.overrides.profile = profile
        return context
    }
}
