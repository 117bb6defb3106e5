// Never a blank screen: a render error shows what happened and a way back to the default cell.
import { Component, type ReactNode } from 'react';
import { resetToDefault } from '../store/actions';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel crash" role="alert">
        <h2>Something went wrong drawing this cell</h2>
        <p>{this.state.error.message}</p>
        <button
          type="button"
          onClick={() => {
            resetToDefault();
            this.setState({ error: null });
          }}
        >
          Back to the default cell
        </button>
      </div>
    );
  }
}
