/// Where long work reports how far it has got. The pipeline's progress reporter implements it;
/// engines that know nothing of pipelines (the training run) report through it.
public protocol WorkProgress: AnyObject {
    /// `total` units of work, of which `done` were finished by an earlier, interrupted run.
    func start(total: Int, unit: String, resumedFrom done: Int)
    /// `n` more units done; `metric` (e.g. a running mean of the loss) is shown beside them.
    func advance(by n: Int, metric: (name: String, value: Double)?)
    /// Something the user should know that does not stop the work (a damaged file skipped).
    func warn(_ message: String)
}
